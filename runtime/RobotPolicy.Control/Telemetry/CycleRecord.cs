using RobotPolicy.Bridge.Messages;
using RobotPolicy.Control.Safety;

namespace RobotPolicy.Control.Telemetry;

/// <summary>
/// One cycle as telemetry keeps it: the sensor frame, what the policy said, what was sent, and when. Instances are
/// made once, sized for the policy, and reused by the ring; the loop fills one per cycle without allocating.
/// Times are nanoseconds of the runtime's monotonic clock, except <see cref="RobotTimeNanoseconds"/> (the robot's).
/// </summary>
public sealed class CycleRecord
{
    public CycleRecord(int frameDim, int actionDim)
    {
        Observation = new float[frameDim];
        PolicyOutput = new float[actionDim];
        Targets = new float[actionDim];
    }

    public long Cycle { get; set; }

    public CycleKind Kind { get; set; }

    /// <summary>The sensor frame's sequence number (what the action frame echoed).</summary>
    public ulong Sequence { get; set; }

    public long RobotTimeNanoseconds { get; set; }

    /// <summary>When the sensor frame arrived (for cycles without one, when the cycle acted).</summary>
    public long ReceivedNanoseconds { get; set; }

    /// <summary>How long reading the sensor frame took (receive returned → values in the buffer); 0 without one.</summary>
    public long DecodeNanoseconds { get; set; }

    /// <summary>How long the policy step took; 0 when the policy did not run.</summary>
    public long InferenceNanoseconds { get; set; }

    /// <summary>How long the safety layer and writing the action frame took.</summary>
    public long EncodeNanoseconds { get; set; }

    /// <summary>How long the transport's send took.</summary>
    public long SendNanoseconds { get; set; }

    /// <summary>When the action frame's send returned: sensor → action inside the runtime is this minus
    /// <see cref="ReceivedNanoseconds"/>.</summary>
    public long SentNanoseconds { get; set; }

    public ActionMode Mode { get; set; }

    public SafetyEvents Safety { get; set; }

    /// <summary>The policy's observation history was reset before this step (a Hello, or sensors back after the watchdog).</summary>
    public bool HistoryReset { get; set; }

    /// <summary>Whether <see cref="Observation"/> and <see cref="PolicyOutput"/> hold this cycle's values (the policy ran).</summary>
    public bool HasPolicyStep { get; set; }

    public float[] Observation { get; }

    public float[] PolicyOutput { get; }

    public float[] Targets { get; }

    /// <summary>Targets sent (0 for damping and safe, which carry none).</summary>
    public int TargetCount { get; set; }
}
