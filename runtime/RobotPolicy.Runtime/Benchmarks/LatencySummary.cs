using RobotPolicy.Runtime.Diagnostics;

namespace RobotPolicy.Runtime.Benchmarks;

/// <summary>Percentiles of one measured operation, in microseconds.</summary>
public sealed record LatencySummary(
    string Name, long Count, double MeanUs, double MinUs, double P50Us, double P90Us, double P99Us, double P999Us, double MaxUs)
{
    public static LatencySummary From(string name, LatencyHistogram h) => new(
        name, h.Count, h.Mean / 1000.0, h.Min / 1000.0,
        h.ValueAtPercentile(50) / 1000.0, h.ValueAtPercentile(90) / 1000.0, h.ValueAtPercentile(99) / 1000.0,
        h.ValueAtPercentile(99.9) / 1000.0, h.Max / 1000.0);
}
