namespace RobotPolicy.Control.Telemetry;

/// <summary>The first value of a telemetry log: what ran, against what, at what period.</summary>
public sealed record TelemetryHeader(
    string BundlePath,
    string WeightsSha256,
    string RobotName,
    string Transport,
    long PeriodNanoseconds,
    int FrameDim,
    int ActionDim,
    long StartedNanoseconds)
{
    /// <summary>The value of the header's "format" key.</summary>
    public const string Format = "robotpolicy-telemetry";

    public const int Version = 1;
}
