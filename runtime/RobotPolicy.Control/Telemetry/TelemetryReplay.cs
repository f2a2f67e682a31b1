using RobotPolicy.Control.Loop;

namespace RobotPolicy.Control.Telemetry;

/// <summary>What re-running a policy on a log's observations found.</summary>
public sealed record ReplayCheck(long Checked, long Identical, string? FirstMismatch, string? StoppedEarly)
{
    public bool BitExact => Checked > 0 && Checked == Identical && StoppedEarly is null;
}

/// <summary>
/// Re-runs a policy offline on a telemetry log's observations, resetting its history where the live loop did, and
/// compares every output with the one recorded, bit for bit. Any difference means the deployed run did not compute
/// what this bundle computes here (another bundle, another provider's numerics, a history bug).
/// </summary>
public static class TelemetryReplay
{
    public static ReplayCheck Check(TelemetryLog log, IControlPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.FrameDim != log.Header.FrameDim || policy.ActionDim != log.Header.ActionDim)
        {
            throw new TelemetryLogException($"the policy takes {policy.FrameDim} values per frame and gives {policy.ActionDim}; the log has {log.Header.FrameDim} and {log.Header.ActionDim}");
        }
        var output = new float[policy.ActionDim];
        long checkedCount = 0, identical = 0;
        string? mismatch = null;
        long expectedCycle = log.Cycles.Count > 0 ? log.Cycles[0].Cycle : 0;
        policy.Reset();
        foreach (CycleRecord record in log.Cycles)
        {
            if (record.Cycle != expectedCycle)
            {
                // A cycle the telemetry ring dropped may have pushed a frame into the live history: past it the
                // replayed history could differ, so the check ends here rather than report false mismatches.
                return new ReplayCheck(checkedCount, identical, mismatch,
                    $"cycles {expectedCycle} to {record.Cycle - 1} are missing from the log (the telemetry ring overflowed); checked up to there");
            }
            expectedCycle++;
            if (record.HistoryReset)
            {
                policy.Reset();
            }
            if (!record.HasPolicyStep)
            {
                continue;
            }
            policy.Step(record.Observation, output);
            checkedCount++;
            int differs = FirstDifference(output, record.PolicyOutput);
            if (differs < 0)
            {
                identical++;
            }
            else
            {
                mismatch ??= $"cycle {record.Cycle} (sensor seq {record.Sequence}), action {differs}: recorded {record.PolicyOutput[differs]:R}, replayed {output[differs]:R}";
            }
        }
        return new ReplayCheck(checkedCount, identical, mismatch, null);
    }

    private static int FirstDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
