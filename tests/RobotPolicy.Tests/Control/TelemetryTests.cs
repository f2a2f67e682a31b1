using RobotPolicy.Bridge.Messages;
using RobotPolicy.Control.Safety;
using RobotPolicy.Control.Telemetry;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Control;

public class TelemetryTests
{
    private static TelemetryHeader Header => new("policy.onnx", "ab12", "robot", "udp://127.0.0.1:1", 20_000_000, 3, 2, 42);

    private static void Fill(CycleRecord r, long i)
    {
        r.Cycle = i;
        r.Kind = i % 5 == 4 ? CycleKind.Watchdog : CycleKind.Policy;
        r.Sequence = (ulong)i;
        r.RobotTimeNanoseconds = i * 7;
        r.ReceivedNanoseconds = 1000 + i;
        r.DecodeNanoseconds = 3 + i;
        r.InferenceNanoseconds = 50;
        r.EncodeNanoseconds = 4;
        r.SendNanoseconds = 9 * i;
        r.SentNanoseconds = 1100 + i;
        r.Mode = r.Kind == CycleKind.Policy ? ActionMode.Normal : ActionMode.Damping;
        r.Safety = i % 3 == 0 ? SafetyEvents.Clipped : SafetyEvents.None;
        r.HistoryReset = i == 0;
        r.HasPolicyStep = r.Kind == CycleKind.Policy;
        r.Observation[0] = i;
        r.Observation[2] = -i / 3f;
        r.PolicyOutput[1] = MathF.Sqrt(i);
        r.TargetCount = r.HasPolicyStep ? 2 : 0;
        r.Targets[0] = i * 0.25f;
    }

    [Fact]
    public void The_ring_hands_records_over_in_order_and_drops_rather_than_blocks_when_full()
    {
        var ring = new TelemetryRing(4, 3, 2);
        for (int i = 0; i < 6; i++)
        {
            if (ring.TryBeginWrite() is { } slot)
            {
                slot.Cycle = i;
                ring.EndWrite();
            }
        }
        Assert.Equal(2, ring.Dropped);
        var read = new List<long>();
        while (ring.TryBeginRead() is { } record)
        {
            read.Add(record.Cycle);
            ring.EndRead();
        }
        Assert.Equal([0L, 1, 2, 3], read);
    }

    [Fact]
    public void A_log_reads_back_exactly_what_was_written()
    {
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "run.tlm");
        var written = new List<CycleRecord>();
        using (var writer = new TelemetryLogWriter(path, Header))
        {
            for (int i = 0; i < 20; i++)
            {
                var r = new CycleRecord(3, 2);
                Fill(r, i);
                writer.Write(r);
                written.Add(r);
            }
        }
        var log = TelemetryLog.Read(path);
        Assert.Equal(Header, log.Header);
        Assert.Null(log.CutOff);
        Assert.Equal(20, log.Cycles.Count);
        for (int i = 0; i < 20; i++)
        {
            var (a, b) = (written[i], log.Cycles[i]);
            Assert.Equal((a.Cycle, a.Kind, a.Sequence, a.RobotTimeNanoseconds, a.ReceivedNanoseconds, a.InferenceNanoseconds, a.SentNanoseconds),
                (b.Cycle, b.Kind, b.Sequence, b.RobotTimeNanoseconds, b.ReceivedNanoseconds, b.InferenceNanoseconds, b.SentNanoseconds));
            Assert.Equal((a.Mode, a.Safety, a.HistoryReset, a.HasPolicyStep, a.TargetCount), (b.Mode, b.Safety, b.HistoryReset, b.HasPolicyStep, b.TargetCount));
            Assert.Equal((a.DecodeNanoseconds, a.EncodeNanoseconds, a.SendNanoseconds), (b.DecodeNanoseconds, b.EncodeNanoseconds, b.SendNanoseconds));
            Assert.Equal(a.Targets.AsSpan(0, a.TargetCount).ToArray(), b.Targets.AsSpan(0, b.TargetCount).ToArray());
            if (a.HasPolicyStep)
            {
                Assert.Equal(a.Observation, b.Observation);
                Assert.Equal(a.PolicyOutput, b.PolicyOutput);
            }
        }
    }

    [Fact]
    public void A_log_cut_off_mid_record_keeps_the_whole_records_and_says_so()
    {
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "run.tlm");
        using (var writer = new TelemetryLogWriter(path, Header))
        {
            for (int i = 0; i < 10; i++)
            {
                var r = new CycleRecord(3, 2);
                Fill(r, i);
                writer.Write(r);
            }
        }
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^7]); // killed while writing the last record
        var log = TelemetryLog.Read(path);
        Assert.Equal(9, log.Cycles.Count);
        Assert.Contains("ends inside record 9", log.CutOff);
    }

    [Fact]
    public void A_file_that_is_not_a_log_is_named_as_such()
    {
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "x.tlm");
        File.WriteAllText(path, "hello world");
        var error = Assert.Throws<TelemetryLogException>(() => TelemetryLog.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("not a robotpolicy telemetry log", error.Message);
        Assert.Contains("cannot read", Assert.Throws<TelemetryLogException>(() => TelemetryLog.Read(Path.Combine(dir.Path, "none.tlm"))).Message);
    }

    [Fact]
    public void An_earlier_log_at_the_path_is_kept_under_its_time_never_overwritten()
    {
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "run.tlm");
        File.WriteAllText(path, "the run before the restart");
        File.SetLastWriteTime(path, new DateTime(2026, 11, 21, 9, 30, 15));
        using (var writer = new TelemetryLogWriter(path, Header))
        {
            Assert.Equal(Path.Combine(dir.Path, "run.20261121-093015.tlm"), writer.KeptPrevious);
        }
        Assert.Equal("the run before the restart", File.ReadAllText(Path.Combine(dir.Path, "run.20261121-093015.tlm")));
        Assert.Equal(Header, TelemetryLog.Read(path).Header);
        File.WriteAllText(Path.Combine(dir.Path, "run.20261121-093015.tlm"), "older");
        File.SetLastWriteTime(path, new DateTime(2026, 11, 21, 9, 30, 15));
        using (var writer = new TelemetryLogWriter(path, Header))
        {
            Assert.Equal(Path.Combine(dir.Path, "run.20261121-093015-2.tlm"), writer.KeptPrevious);
        }
    }
}
