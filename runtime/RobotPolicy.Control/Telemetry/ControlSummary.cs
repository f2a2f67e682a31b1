namespace RobotPolicy.Control.Telemetry;

/// <summary>
/// The loop over one summary interval (or the whole run): how many sensor frames the policy answered and at what
/// rate, the latency from a sensor frame's arrival to its action's departure and the policy step's share of it
/// (microseconds), and what went wrong.
/// </summary>
public sealed record ControlSummary(
    double Seconds,
    long PolicyCycles,
    double RateHz,
    double LatencyP50Microseconds,
    double LatencyP99Microseconds,
    double LatencyMaxMicroseconds,
    double InferenceP50Microseconds,
    double InferenceP99Microseconds,
    long WatchdogCycles,
    long BadOutputCycles,
    long ClippedCycles,
    long RateLimitedCycles,
    long SoftStartCycles,
    long TelemetryDropped)
{
    public bool HasFaults => WatchdogCycles > 0 || BadOutputCycles > 0;
}
