using System.Globalization;
using System.Text;

namespace RobotPolicy.Runtime.Diagnostics;

/// <summary>
/// Writes a <see cref="LatencyHistogram"/> as HdrHistogram's percentile distribution text (the ".hgrm" files that
/// HdrHistogram's outputPercentileDistribution prints and its plotting tools read): a header, one row per
/// percentile step (value, percentile, total count, 1/(1-percentile)), a last row at 100%, and a footer with
/// mean, standard deviation, max, count and the bucket layout. The percentile steps are HdrHistogram's: they start
/// at 0% and halve their distance to 100% every <c>ticksPerHalfDistance</c> rows, and each row's value is the top
/// of the slot where the cumulative count first reaches that percentile. Values are written in microseconds.
/// </summary>
public static class HgrmWriter
{
    /// <summary>Nanoseconds per written unit: the file's values are microseconds.</summary>
    public const double NanosecondsPerUnit = 1000.0;

    public static string Format(LatencyHistogram histogram, int ticksPerHalfDistance = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerHalfDistance, 1);
        var inv = CultureInfo.InvariantCulture;
        int digits = histogram.SignificantDigits;
        string value = "F" + digits.ToString(inv);
        var text = new StringBuilder();
        text.Append(inv, $"{"Value",12} {"Percentile",14} {"TotalCount",10} {"1/(1-Percentile)",14}\n\n");
        if (histogram.Count > 0)
        {
            WriteRows(histogram, ticksPerHalfDistance, value, text);
        }
        double mean = histogram.Count > 0 ? histogram.Mean / NanosecondsPerUnit : 0;
        double max = histogram.Count > 0 ? histogram.Max / NanosecondsPerUnit : 0;
        text.Append(inv, $"#[Mean    = {mean.ToString(value, inv),12}, StdDeviation   = {(StandardDeviation(histogram) / NanosecondsPerUnit).ToString(value, inv),12}]\n");
        text.Append(inv, $"#[Max     = {max.ToString(value, inv),12}, Total count    = {histogram.Count,12}]\n");
        text.Append(inv, $"#[Buckets = {histogram.BucketCount,12}, SubBuckets     = {histogram.SubBucketCount,12}]\n");
        return text.ToString();
    }

    private static void WriteRows(LatencyHistogram histogram, int ticksPerHalfDistance, string valueFormat, StringBuilder text)
    {
        var inv = CultureInfo.InvariantCulture;
        long total = histogram.Count;
        long cumulative = 0;
        double level = 0;
        LatencyBucket last = default;
        foreach (var bucket in histogram.EnumerateNonEmptyBuckets())
        {
            cumulative += bucket.Count;
            last = bucket;
            double reached = 100.0 * cumulative / total;
            // Every level this slot reaches gets a row; the last slot's rows stop at the first, and 100% follows.
            while (reached >= level)
            {
                Row(bucket.HighestValueNs, level, cumulative);
                level += 100.0 / (ticksPerHalfDistance * Math.Pow(2, Math.Floor(Math.Log2(100.0 / (100.0 - level))) + 1));
                if (cumulative == total)
                {
                    break;
                }
            }
        }
        text.Append(inv, $"{(last.HighestValueNs / NanosecondsPerUnit).ToString(valueFormat, inv),12} {1.0.ToString("F12", inv),2} {total,10}\n");

        void Row(long valueNs, double percentileLevel, long count)
        {
            double p = percentileLevel / 100.0;
            text.Append(inv, $"{(valueNs / NanosecondsPerUnit).ToString(valueFormat, inv),12} {p.ToString("F12", inv),2} {count,10} {(1 / (1.0 - p)).ToString("F2", inv),14}\n");
        }
    }

    /// <summary>Over the slots, each value taken at its slot's middle (as HdrHistogram does).</summary>
    private static double StandardDeviation(LatencyHistogram histogram)
    {
        if (histogram.Count == 0)
        {
            return 0;
        }
        double mean = histogram.Mean;
        double sum = 0;
        foreach (var bucket in histogram.EnumerateNonEmptyBuckets())
        {
            double middle = (bucket.LowestValueNs + bucket.HighestValueNs + 1) / 2.0;
            sum += (middle - mean) * (middle - mean) * bucket.Count;
        }
        return Math.Sqrt(sum / histogram.Count);
    }
}
