using RobotPolicy.Control.Telemetry;
using RobotPolicy.Runtime.Diagnostics;

namespace RobotPolicy.Control.Hil;

/// <summary>
/// Collects the runtime's side of a benchmark from the telemetry thread: per-stage histograms (decode, policy step,
/// safety + encode, send), the runtime-internal sensor → action time, and the jitter of sensor-frame arrivals
/// against the period (how evenly the loop was woken).
/// </summary>
internal sealed class StageRecorder(long periodNanoseconds)
{
    private long _lastReceived = -1;

    public LatencyHistogram Decode { get; } = new();
    public LatencyHistogram Step { get; } = new();
    public LatencyHistogram Encode { get; } = new();
    public LatencyHistogram Send { get; } = new();
    public LatencyHistogram Internal { get; } = new();
    public LatencyHistogram ArrivalJitter { get; } = new();

    public long PolicyCycles { get; private set; }

    public void Observe(CycleRecord record)
    {
        if (record.Kind != CycleKind.Policy)
        {
            return;
        }
        PolicyCycles++;
        Decode.Record(Math.Max(0, record.DecodeNanoseconds));
        Step.Record(Math.Max(0, record.InferenceNanoseconds));
        Encode.Record(Math.Max(0, record.EncodeNanoseconds));
        Send.Record(Math.Max(0, record.SendNanoseconds));
        Internal.Record(Math.Max(0, record.SentNanoseconds - record.ReceivedNanoseconds));
        if (_lastReceived >= 0)
        {
            ArrivalJitter.Record(Math.Abs(record.ReceivedNanoseconds - _lastReceived - periodNanoseconds));
        }
        _lastReceived = record.ReceivedNanoseconds;
    }
}
