using System.Diagnostics.CodeAnalysis;

namespace RobotPolicy.Runtime.Diagnostics;

/// <summary>
/// A high-dynamic-range latency histogram in the style of HdrHistogram: values from 0 ns up to
/// <see cref="HighestTrackableValueNs"/> (default one hour) are counted in log-bucketed slots whose width never
/// exceeds <see cref="RelativePrecision"/> of the values they hold (under 0.1% with the default 3 significant
/// digits, under 1% with 2). Memory is fixed at construction (about 270 KB for the defaults), and
/// <see cref="Record"/> is O(1) and allocation-free, so it can sit inside a control loop.
/// </summary>
/// <remarks>
/// <para>Not thread-safe: give each recording thread its own histogram and combine them with <see cref="Add"/>.</para>
/// <para><see cref="Count"/>, <see cref="Min"/>, <see cref="Max"/> and <see cref="Mean"/> are exact; only
/// percentiles are quantised to slots. On an empty histogram, <see cref="Min"/>, <see cref="Max"/>,
/// <see cref="Mean"/> and <see cref="ValueAtPercentile"/> throw <see cref="InvalidOperationException"/> rather
/// than invent a number; check <see cref="Count"/> first.</para>
/// <para>Negative values throw. Values above <see cref="HighestTrackableValueNs"/> are not dropped: they are counted
/// in the top slot, keep their exact value in <see cref="Max"/> and <see cref="Mean"/>, and are tallied in
/// <see cref="ClampedCount"/> so a report can say that percentiles near the top are floors. (A control loop paused
/// in a debugger must not crash because its next latency sample is huge.)</para>
/// </remarks>
public sealed class LatencyHistogram
{
    public const long OneHourNs = 3_600_000_000_000;
    public const int MinSignificantDigits = 2;
    public const int MaxSignificantDigits = 4;

    private readonly HistogramBucketLayout _layout;
    private readonly long[] _counts;
    private long _count;
    private long _clampedCount;
    private long _min = long.MaxValue;
    private long _max;
    // Int128 so the exact sum cannot overflow: 2^64 samples of the largest long would still fit.
    private Int128 _sum;

    /// <param name="significantDigits">2 (slots within 1% of their values) to 4 (0.01%); 3 is HdrHistogram's usual choice.</param>
    /// <param name="highestTrackableValueNs">Largest value counted in its own slot; memory grows with its logarithm.</param>
    public LatencyHistogram(int significantDigits = 3, long highestTrackableValueNs = OneHourNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, MinSignificantDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, MaxSignificantDigits);
        ArgumentOutOfRangeException.ThrowIfLessThan(highestTrackableValueNs, 2L);
        _layout = new HistogramBucketLayout(significantDigits, highestTrackableValueNs);
        _counts = new long[_layout.CountsLength];
    }

    public int SignificantDigits => _layout.SignificantDigits;

    public long HighestTrackableValueNs => _layout.HighestTrackableValue;

    /// <summary>Sub-buckets per power-of-two bucket, as HdrHistogram counts them (2048 for 3 digits).</summary>
    public int SubBucketCount => _layout.SubBucketCount;

    /// <summary>Power-of-two buckets covering 0 ..= <see cref="HighestTrackableValueNs"/>, as HdrHistogram counts them.</summary>
    public int BucketCount => _layout.BucketCount;

    /// <summary>Upper bound on (reported - true) / true for percentiles: 2^-10 for 3 digits, 2^-7 for 2.</summary>
    public double RelativePrecision => _layout.RelativePrecision;

    /// <summary>Number of values recorded, including those added by coordinated-omission correction.</summary>
    public long Count => _count;

    /// <summary>How many recorded values exceeded <see cref="HighestTrackableValueNs"/> and were counted in the top slot.</summary>
    public long ClampedCount => _clampedCount;

    /// <summary>Exact smallest value recorded.</summary>
    public long Min => _count > 0 ? _min : throw EmptyHistogram(nameof(Min));

    /// <summary>Exact largest value recorded.</summary>
    public long Max => _count > 0 ? _max : throw EmptyHistogram(nameof(Max));

    /// <summary>Exact arithmetic mean of the values recorded.</summary>
    public double Mean => _count > 0 ? (double)_sum / _count : throw EmptyHistogram(nameof(Mean));

    /// <summary>Counts one value, in nanoseconds. O(1), allocation-free.</summary>
    public void Record(long valueNs)
    {
        if (valueNs < 0)
            ThrowNegative(valueNs, nameof(valueNs));
        long slotValue = valueNs;
        if (valueNs > _layout.HighestTrackableValue)
        {
            slotValue = _layout.HighestTrackableValue;
            _clampedCount++;
        }
        _counts[_layout.IndexOf(slotValue)]++;
        _count++;
        _sum += valueNs;
        if (valueNs < _min)
            _min = valueNs;
        if (valueNs > _max)
            _max = valueNs;
    }

    /// <summary>
    /// Records <paramref name="valueNs"/> and corrects for coordinated omission the way HdrHistogram does. A loop
    /// that measures one request every <paramref name="expectedIntervalNs"/> cannot start the requests it should
    /// have started while one was stalled, so their latencies go missing and percentiles look far better than what
    /// the system actually delivered. For a value above the interval this also records the latencies those requests
    /// would have seen: value - k*interval for k = 1, 2, ... while that is at least the interval.
    /// </summary>
    /// <remarks>
    /// Allocation-free. Values landing in the same slot are added in one step, so a stall of any length costs at
    /// most one step per slot below it (a few thousand), not one per missed interval.
    /// </remarks>
    public void RecordWithExpectedInterval(long valueNs, long expectedIntervalNs)
    {
        if (expectedIntervalNs <= 0)
            ThrowNonPositiveInterval(expectedIntervalNs, nameof(expectedIntervalNs));
        Record(valueNs);

        long interval = expectedIntervalNs;
        long missing = valueNs - interval;
        while (missing >= interval)
        {
            int index = _layout.IndexOf(Math.Min(missing, _layout.HighestTrackableValue));
            // The values missing, missing - interval, ... down to this floor all share the slot.
            long floor = Math.Max(_layout.LowestValueAt(index), interval);
            long n = (missing - floor) / interval + 1;
            long last = missing - (n - 1) * interval;

            _counts[index] += n;
            _count += n;
            _sum += (Int128)n * missing - (Int128)n * (n - 1) / 2 * interval;
            if (missing > _layout.HighestTrackableValue)
                _clampedCount += Math.Min(n, (missing - _layout.HighestTrackableValue - 1) / interval + 1);
            if (last < _min)
                _min = last;
            missing = last - interval;
        }
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> percent of recorded values lie (nearest-rank
    /// definition), reported as the top of its slot so it is never below the true value and at most
    /// <see cref="RelativePrecision"/> above it. 0 returns <see cref="Min"/> and 100 returns <see cref="Max"/>, exactly.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (!(percentile >= 0 && percentile <= 100))
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Percentile must be between 0 and 100 inclusive.");
        if (_count == 0)
            throw EmptyHistogram(nameof(ValueAtPercentile));
        if (percentile == 100)
            return _max;
        if (percentile == 0)
            return _min;

        // Decimal, not double: (decimal)99.9 is exactly 99.9, so 99.9% of 100000 is rank 99900, not 99901.
        long rank = Math.Max(1L, (long)Math.Ceiling((decimal)percentile * _count / 100m));
        long cumulative = 0;
        for (int index = 0; index < _counts.Length; index++)
        {
            cumulative += _counts[index];
            if (cumulative >= rank)
                return Math.Clamp(_layout.HighestValueAt(index), _min, _max);
        }
        return _max; // Unreachable while the counts sum to _count.
    }

    /// <summary>Adds every value recorded in <paramref name="other"/>, which must have the same settings.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!_layout.HasSameShapeAs(other._layout))
        {
            throw new ArgumentException(
                $"Cannot add a histogram with {other.SignificantDigits} significant digits and highest trackable value {other.HighestTrackableValueNs} ns " +
                $"to one with {SignificantDigits} and {HighestTrackableValueNs} ns: their slots differ. Create both with the same settings.",
                nameof(other));
        }
        if (other._count == 0)
            return;
        for (int index = 0; index < _counts.Length; index++)
            _counts[index] += other._counts[index];
        _count += other._count;
        _clampedCount += other._clampedCount;
        _sum += other._sum;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
    }

    /// <summary>Forgets every recorded value; the memory is kept.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        _count = 0;
        _clampedCount = 0;
        _sum = 0;
        _min = long.MaxValue;
        _max = 0;
    }

    /// <summary>The non-empty slots in increasing value order, for drawing the distribution.</summary>
    public IEnumerable<LatencyBucket> EnumerateNonEmptyBuckets()
    {
        for (int index = 0; index < _counts.Length; index++)
        {
            if (_counts[index] != 0)
                yield return new LatencyBucket(_layout.LowestValueAt(index), _layout.HighestValueAt(index), _counts[index]);
        }
    }

    private static InvalidOperationException EmptyHistogram(string member) =>
        new($"LatencyHistogram.{member} is undefined because no values have been recorded (Count is 0).");

    // Throws live in their own methods so Record stays small enough to inline.
    [DoesNotReturn]
    private static void ThrowNegative(long value, string parameterName) =>
        throw new ArgumentOutOfRangeException(parameterName, value, "Latency must not be negative; were the start and end timestamps swapped?");

    [DoesNotReturn]
    private static void ThrowNonPositiveInterval(long value, string parameterName) =>
        throw new ArgumentOutOfRangeException(parameterName, value, "The expected interval must be positive; use Record when there is no fixed interval.");
}
