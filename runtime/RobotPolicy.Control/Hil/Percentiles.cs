using RobotPolicy.Runtime.Diagnostics;

namespace RobotPolicy.Control.Hil;

/// <summary>The tail of one measured quantity in microseconds, as a hardware report quotes it.</summary>
public sealed record Percentiles(string Name, long Count, double P50, double P90, double P99, double P999, double P9999, double Max)
{
    public static Percentiles From(string name, LatencyHistogram h) => h.Count == 0
        ? new(name, 0, 0, 0, 0, 0, 0, 0)
        : new(name, h.Count, Us(h.ValueAtPercentile(50)), Us(h.ValueAtPercentile(90)), Us(h.ValueAtPercentile(99)),
            Us(h.ValueAtPercentile(99.9)), Us(h.ValueAtPercentile(99.99)), Us(h.Max));

    private static double Us(long ns) => ns / 1e3;
}

/// <summary>One non-empty histogram slot, microseconds, for plots.</summary>
public sealed record HistogramBin(double LowMicroseconds, double HighMicroseconds, long Count)
{
    public static List<HistogramBin> From(LatencyHistogram h) =>
        [.. h.EnumerateNonEmptyBuckets().Select(b => new HistogramBin(b.LowestValueNs / 1e3, b.HighestValueNs / 1e3, b.Count))];
}
