using RobotPolicy.Runtime.Diagnostics;

namespace RobotPolicy.Tests.Runtime;

public sealed class LatencyHistogramTests
{
    private static readonly double[] Percentiles = [0, 0.1, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100];

    /// <summary>Latency-like data: log-normal around 1 ms with a heavy tail reaching seconds.</summary>
    private static long[] LogNormalNs(int count, int seed)
    {
        var random = new Random(seed);
        var values = new long[count];
        for (int i = 0; i < count; i++)
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = Math.Max(1, (long)Math.Exp(Math.Log(1e6) + 1.5 * gaussian));
        }
        return values;
    }

    /// <summary>Nearest-rank percentile of sorted data, the definition ValueAtPercentile approximates.</summary>
    private static long ExactPercentile(long[] sorted, double percentile)
    {
        long rank = Math.Max(1, (long)Math.Ceiling((decimal)percentile * sorted.Length / 100m));
        return sorted[rank - 1];
    }

    private static LatencyHistogram HistogramOf(IEnumerable<long> values, int significantDigits = 3)
    {
        var histogram = new LatencyHistogram(significantDigits);
        foreach (long value in values)
            histogram.Record(value);
        return histogram;
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public void Percentiles_of_log_normal_data_are_within_the_relative_precision_of_the_exact_values(int digits, int seed)
    {
        long[] values = LogNormalNs(100_000, seed);
        var histogram = HistogramOf(values, digits);
        long[] sorted = values.Order().ToArray();

        Assert.True(histogram.RelativePrecision < 0.01, $"precision {histogram.RelativePrecision} is worse than 1%");
        foreach (double p in Percentiles)
        {
            long exact = ExactPercentile(sorted, p);
            long reported = histogram.ValueAtPercentile(p);
            Assert.True(
                reported >= exact && reported <= exact + exact * histogram.RelativePrecision,
                $"p{p}: reported {reported} ns, exact {exact} ns, allowed relative error {histogram.RelativePrecision}");
        }
    }

    [Fact]
    public void Count_min_max_and_mean_are_exact()
    {
        long[] values = LogNormalNs(10_000, seed: 7);
        var histogram = HistogramOf(values);

        Assert.Equal(values.Length, histogram.Count);
        Assert.Equal(values.Min(), histogram.Min);
        Assert.Equal(values.Max(), histogram.Max);
        Assert.Equal((double)values.Sum(v => (decimal)v) / values.Length, histogram.Mean, 1e-9 * histogram.Mean);
        Assert.Equal(values.Min(), histogram.ValueAtPercentile(0));
        Assert.Equal(values.Max(), histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Small_values_have_single_nanosecond_resolution()
    {
        var histogram = HistogramOf(Enumerable.Range(0, 2000).Select(i => (long)i));

        Assert.Equal(999, histogram.ValueAtPercentile(50));
        Assert.Equal(1979, histogram.ValueAtPercentile(99));
        Assert.All(histogram.EnumerateNonEmptyBuckets(), b => Assert.Equal(b.LowestValueNs, b.HighestValueNs));
    }

    [Fact]
    public void Default_histogram_tracks_one_nanosecond_to_one_hour_within_a_tenth_of_a_percent()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1);
        histogram.Record(LatencyHistogram.OneHourNs);

        Assert.Equal(3, histogram.SignificantDigits);
        Assert.Equal(LatencyHistogram.OneHourNs, histogram.HighestTrackableValueNs);
        Assert.True(histogram.RelativePrecision <= 0.001);
        Assert.Equal(1, histogram.ValueAtPercentile(50));
        Assert.Equal(0, histogram.ClampedCount);
        LatencyBucket top = histogram.EnumerateNonEmptyBuckets().Last();
        Assert.InRange(LatencyHistogram.OneHourNs, top.LowestValueNs, top.HighestValueNs);
    }

    [Fact]
    public void Empty_histogram_throws_a_clear_error_instead_of_inventing_values()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.Count);
        Assert.Empty(histogram.EnumerateNonEmptyBuckets());
        foreach (Action read in new Action[] { () => _ = histogram.Min, () => _ = histogram.Max, () => _ = histogram.Mean, () => histogram.ValueAtPercentile(50) })
        {
            var error = Assert.Throws<InvalidOperationException>(read);
            Assert.Contains("no values have been recorded (Count is 0)", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Zero_is_a_valid_latency()
    {
        var histogram = HistogramOf([0, 0, 5]);

        Assert.Equal(0, histogram.Min);
        Assert.Equal(0, histogram.ValueAtPercentile(50));
        Assert.Equal(5, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Negative_values_are_rejected_with_the_value_in_the_message()
    {
        var histogram = new LatencyHistogram();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Record(-42));

        Assert.Equal("valueNs", error.ParamName);
        Assert.Contains("-42", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, histogram.Count);
    }

    [Fact]
    public void Values_above_the_trackable_range_are_clamped_into_the_top_slot_but_kept_exact_in_max_and_mean()
    {
        var histogram = new LatencyHistogram(significantDigits: 2, highestTrackableValueNs: 1_000_000);
        histogram.Record(10);
        histogram.Record(5_000_000);
        histogram.Record(long.MaxValue);

        Assert.Equal(3, histogram.Count);
        Assert.Equal(2, histogram.ClampedCount);
        Assert.Equal(long.MaxValue, histogram.Max);
        Assert.Equal(long.MaxValue, histogram.ValueAtPercentile(100));
        Assert.Equal((double)(((decimal)long.MaxValue + 5_000_010m) / 3m), histogram.Mean, 1e4);
        LatencyBucket top = histogram.EnumerateNonEmptyBuckets().Last();
        Assert.Equal(2, top.Count);
        Assert.InRange(1_000_000, top.LowestValueNs, top.HighestValueNs);
        Assert.InRange(histogram.ValueAtPercentile(50), 1_000_000, 1_000_000 * (1 + histogram.RelativePrecision));
    }

    [Theory]
    [InlineData(1, LatencyHistogram.OneHourNs)]
    [InlineData(5, LatencyHistogram.OneHourNs)]
    [InlineData(3, 1L)]
    public void Invalid_settings_are_rejected(int digits, long highest) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyHistogram(digits, highest));

    [Fact]
    public void Coordinated_omission_correction_adds_the_latencies_of_the_requests_that_could_not_start()
    {
        var histogram = new LatencyHistogram();

        histogram.RecordWithExpectedInterval(100, expectedIntervalNs: 10);

        // 100 itself, then 90, 80, ..., 10: ten values.
        Assert.Equal(10, histogram.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(k => (long)k * 10), histogram.EnumerateNonEmptyBuckets().Select(b => b.LowestValueNs));
        Assert.All(histogram.EnumerateNonEmptyBuckets(), b => Assert.Equal(1, b.Count));
        Assert.Equal(10, histogram.Min);
        Assert.Equal(100, histogram.Max);
        Assert.Equal(55.0, histogram.Mean);
    }

    [Theory]
    [InlineData(5, 10)]
    [InlineData(10, 10)]
    [InlineData(19, 10)]
    public void Values_not_exceeding_one_interval_beyond_it_add_nothing(long value, long interval)
    {
        var histogram = new LatencyHistogram();

        histogram.RecordWithExpectedInterval(value, interval);

        Assert.Equal(1, histogram.Count);
    }

    [Fact]
    public void Coordinated_omission_correction_matches_recording_each_missed_value_one_by_one()
    {
        var random = new Random(99);
        var fast = new LatencyHistogram(significantDigits: 2, highestTrackableValueNs: 2_000_000_000);
        var reference = new LatencyHistogram(significantDigits: 2, highestTrackableValueNs: 2_000_000_000);
        var cases = Enumerable.Range(0, 200)
            .Select(_ => (Value: (long)Math.Exp(random.NextDouble() * 22), Interval: (long)Math.Exp(random.NextDouble() * 14) + 1))
            .Where(c => c.Value / c.Interval < 200_000)
            .Append((Value: 5_000_000_000L, Interval: 300_000_000L)) // partly above the trackable range
            .ToArray();

        foreach (var (value, interval) in cases)
        {
            fast.RecordWithExpectedInterval(value, interval);
            reference.Record(value);
            for (long missing = value - interval; missing >= interval; missing -= interval)
                reference.Record(missing);
        }

        Assert.Equal(reference.EnumerateNonEmptyBuckets(), fast.EnumerateNonEmptyBuckets());
        Assert.Equal((reference.Count, reference.ClampedCount, reference.Min, reference.Max), (fast.Count, fast.ClampedCount, fast.Min, fast.Max));
        Assert.Equal(reference.Mean, fast.Mean, 1e-12 * reference.Mean);
    }

    [Fact]
    public void A_huge_stall_with_a_tiny_interval_is_corrected_without_looping_per_interval()
    {
        var histogram = new LatencyHistogram();

        histogram.RecordWithExpectedInterval(LatencyHistogram.OneHourNs, expectedIntervalNs: 1);

        Assert.Equal(LatencyHistogram.OneHourNs, histogram.Count);
        Assert.Equal(1, histogram.Min);
        Assert.Equal((LatencyHistogram.OneHourNs + 1) / 2.0, histogram.Mean);
        long median = histogram.ValueAtPercentile(50);
        Assert.InRange(median, LatencyHistogram.OneHourNs / 2, LatencyHistogram.OneHourNs / 2 * (1 + histogram.RelativePrecision));
    }

    [Fact]
    public void Non_positive_expected_interval_is_rejected_before_anything_is_recorded()
    {
        var histogram = new LatencyHistogram();

        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.RecordWithExpectedInterval(100, 0));

        Assert.Equal(0, histogram.Count);
    }

    [Fact]
    public void Adding_histograms_equals_recording_everything_into_one()
    {
        long[] first = LogNormalNs(20_000, seed: 11);
        long[] second = LogNormalNs(5_000, seed: 12).Select(v => v * 10).ToArray();
        var merged = HistogramOf(first);
        var all = HistogramOf(first.Concat(second));

        merged.Add(HistogramOf(second));

        Assert.Equal(all.EnumerateNonEmptyBuckets(), merged.EnumerateNonEmptyBuckets());
        Assert.Equal((all.Count, all.Min, all.Max), (merged.Count, merged.Min, merged.Max));
        Assert.Equal(all.Mean, merged.Mean, 1e-9 * all.Mean);
        foreach (double p in Percentiles)
            Assert.Equal(all.ValueAtPercentile(p), merged.ValueAtPercentile(p));
    }

    [Fact]
    public void Adding_an_empty_histogram_changes_nothing_and_adding_itself_doubles_counts()
    {
        var histogram = HistogramOf([100, 200]);

        histogram.Add(new LatencyHistogram());
        Assert.Equal((2L, 100L, 200L), (histogram.Count, histogram.Min, histogram.Max));

        histogram.Add(histogram);
        Assert.Equal(4, histogram.Count);
        Assert.Equal(150.0, histogram.Mean);
        Assert.All(histogram.EnumerateNonEmptyBuckets(), b => Assert.Equal(2, b.Count));
    }

    [Fact]
    public void Adding_a_histogram_with_different_settings_is_rejected()
    {
        var histogram = new LatencyHistogram(significantDigits: 3);

        var error = Assert.Throws<ArgumentException>(() => histogram.Add(new LatencyHistogram(significantDigits: 2)));

        Assert.Contains("2 significant digits", error.Message, StringComparison.Ordinal);
        Assert.Contains("Create both with the same settings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_forgets_everything_and_the_histogram_stays_usable()
    {
        var histogram = HistogramOf([1, 2, 3, 5_000_000]);
        histogram.RecordWithExpectedInterval(LatencyHistogram.OneHourNs * 2, LatencyHistogram.OneHourNs / 2);

        histogram.Reset();

        Assert.Equal((0L, 0L), (histogram.Count, histogram.ClampedCount));
        Assert.Empty(histogram.EnumerateNonEmptyBuckets());
        Assert.Throws<InvalidOperationException>(() => histogram.Min);
        histogram.Record(7);
        Assert.Equal((7L, 7L, 7.0), (histogram.Min, histogram.Max, histogram.Mean));
    }

    [Fact]
    public void Buckets_are_ordered_disjoint_narrow_and_hold_every_value()
    {
        long[] values = LogNormalNs(50_000, seed: 5);
        var histogram = HistogramOf(values);
        LatencyBucket[] buckets = histogram.EnumerateNonEmptyBuckets().ToArray();

        Assert.Equal(values.Length, buckets.Sum(b => b.Count));
        for (int i = 1; i < buckets.Length; i++)
            Assert.True(buckets[i].LowestValueNs > buckets[i - 1].HighestValueNs, $"bucket {i} overlaps bucket {i - 1}");
        Assert.All(buckets, b => Assert.True(b.HighestValueNs - b.LowestValueNs <= b.LowestValueNs * histogram.RelativePrecision, $"{b} is too wide"));
        long[] lowestValues = buckets.Select(b => b.LowestValueNs).ToArray();
        foreach (long value in values)
        {
            int found = Array.BinarySearch(lowestValues, value);
            int index = found >= 0 ? found : ~found - 1; // the last bucket starting at or below the value
            Assert.True(index >= 0 && value <= buckets[index].HighestValueNs, $"{value} ns is in no bucket");
        }
    }

    [Fact]
    public void Recording_allocates_nothing()
    {
        var histogram = new LatencyHistogram();
        long[] values = LogNormalNs(100_000, seed: 3);
        // Warm-up: let the JIT compile (and tier up) the recording paths before measuring.
        for (int round = 0; round < 3; round++)
        {
            foreach (long value in values)
                histogram.Record(value);
            histogram.RecordWithExpectedInterval(50_000_000, 1_000_000);
            _ = histogram.ValueAtPercentile(99.9);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (long value in values)
            histogram.Record(value);
        for (int i = 0; i < 1_000; i++)
            histogram.RecordWithExpectedInterval(values[i] * 100, 1_000_000);
        long p999 = histogram.ValueAtPercentile(99.9);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(p999 > 0);
    }
}
