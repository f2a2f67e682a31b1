using RobotPolicy.Control.Safety;
using RobotPolicy.Runtime.Diagnostics;

namespace RobotPolicy.Control.Telemetry;

/// <summary>
/// Counts and latency histograms over a stretch of cycles: the telemetry thread keeps one per summary interval and
/// one for the run, and `replay` one for a log. Latency is sensor arrival to the action's send returning.
/// </summary>
public sealed class CycleStatistics
{
    private readonly LatencyHistogram _latency = new();
    private readonly LatencyHistogram _inference = new();
    private long _firstReceived = -1;
    private long _lastReceived;
    private long _watchdog, _badOutput, _clipped, _rateLimited, _softStart;

    public long Cycles { get; private set; }

    public double Seconds => _firstReceived < 0 ? 0 : (_lastReceived - _firstReceived) / 1e9;

    /// <summary>Sensor frame received → action sent, nanoseconds, of every cycle added.</summary>
    public LatencyHistogram Latency => _latency;

    public void Add(CycleRecord record)
    {
        switch (record.Kind)
        {
            case CycleKind.Watchdog:
                _watchdog++;
                return;
            case CycleKind.BadOutput:
                _badOutput++;
                return;
            case CycleKind.Policy:
                break;
            default:
                return;
        }
        Cycles++;
        if (_firstReceived < 0)
        {
            _firstReceived = record.ReceivedNanoseconds;
        }
        _lastReceived = record.ReceivedNanoseconds;
        _latency.Record(Math.Max(0, record.SentNanoseconds - record.ReceivedNanoseconds));
        _inference.Record(Math.Max(0, record.InferenceNanoseconds));
        _clipped += (record.Safety & SafetyEvents.Clipped) != 0 ? 1 : 0;
        _rateLimited += (record.Safety & SafetyEvents.RateLimited) != 0 ? 1 : 0;
        _softStart += (record.Safety & SafetyEvents.SoftStart) != 0 ? 1 : 0;
    }

    public ControlSummary Summarize(long telemetryDropped)
    {
        double seconds = Seconds;
        bool any = _latency.Count > 0;
        return new ControlSummary(
            seconds,
            Cycles,
            seconds > 0 ? (Cycles - 1) / seconds : 0,
            any ? _latency.ValueAtPercentile(50) / 1e3 : 0,
            any ? _latency.ValueAtPercentile(99) / 1e3 : 0,
            any ? _latency.Max / 1e3 : 0,
            any ? _inference.ValueAtPercentile(50) / 1e3 : 0,
            any ? _inference.ValueAtPercentile(99) / 1e3 : 0,
            _watchdog, _badOutput, _clipped, _rateLimited, _softStart, telemetryDropped);
    }

    public void Reset()
    {
        _latency.Reset();
        _inference.Reset();
        _firstReceived = -1;
        _lastReceived = 0;
        Cycles = 0;
        _watchdog = _badOutput = _clipped = _rateLimited = _softStart = 0;
    }
}
