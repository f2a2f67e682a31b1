using System.Numerics;

namespace RobotPolicy.Runtime.Diagnostics;

/// <summary>
/// Maps values to counter slots the way HdrHistogram does: values are grouped by their power of two ("bucket"),
/// and each bucket is split into equally wide sub-buckets. Below <c>subBucketCount</c> every integer has its own
/// slot; above it a slot's width is at most 1/<c>subBucketHalfCount</c> of the values it holds, which bounds the
/// relative error of any value read back. Index arithmetic is a leading-zero count and a few shifts: O(1), no
/// branches on the value's magnitude, no allocation.
/// </summary>
internal readonly struct HistogramBucketLayout
{
    private readonly int _subBucketHalfCountMagnitude;
    private readonly int _subBucketHalfCount;
    private readonly long _subBucketMask;
    private readonly int _leadingZeroCountBase;

    public HistogramBucketLayout(int significantDigits, long highestTrackableValue)
    {
        SignificantDigits = significantDigits;
        HighestTrackableValue = highestTrackableValue;

        // Enough sub-buckets that two values differing in the last significant digit never share one.
        long largestValueWithSingleUnitResolution = 2 * (long)Math.Pow(10, significantDigits);
        int subBucketCountMagnitude = (int)Math.Ceiling(Math.Log2(largestValueWithSingleUnitResolution));
        _subBucketHalfCountMagnitude = subBucketCountMagnitude - 1;
        int subBucketCount = 1 << subBucketCountMagnitude;
        _subBucketHalfCount = subBucketCount / 2;
        _subBucketMask = subBucketCount - 1;
        _leadingZeroCountBase = 64 - _subBucketHalfCountMagnitude - 1;
        CountsLength = IndexOf(highestTrackableValue) + 1;
    }

    public int SignificantDigits { get; }

    public long HighestTrackableValue { get; }

    /// <summary>Number of counter slots needed to cover 0 ..= <see cref="HighestTrackableValue"/>.</summary>
    public int CountsLength { get; }

    /// <summary>Sub-buckets per bucket (HdrHistogram's SubBucketCount).</summary>
    public int SubBucketCount => _subBucketHalfCount * 2;

    /// <summary>Buckets needed to cover <see cref="HighestTrackableValue"/> (HdrHistogram's BucketCount).</summary>
    public int BucketCount
    {
        get
        {
            long smallestUntrackable = SubBucketCount;
            int buckets = 1;
            while (smallestUntrackable <= HighestTrackableValue)
            {
                if (smallestUntrackable > long.MaxValue / 2)
                {
                    return buckets + 1;
                }
                smallestUntrackable <<= 1;
                buckets++;
            }
            return buckets;
        }
    }

    /// <summary>Upper bound on (reported - true) / true for any value recorded and read back.</summary>
    public double RelativePrecision => 1.0 / _subBucketHalfCount;

    /// <summary>Slot of <paramref name="value"/>, which must lie in 0 ..= <see cref="HighestTrackableValue"/>.</summary>
    public int IndexOf(long value)
    {
        int bucketIndex = _leadingZeroCountBase - BitOperations.LeadingZeroCount((ulong)(value | _subBucketMask));
        int subBucketIndex = (int)(value >> bucketIndex);
        // Bucket 0 uses all its sub-buckets; every later bucket only its upper half (the lower half would repeat
        // the previous bucket's range at coarser resolution), hence the half-count offsets.
        return ((bucketIndex + 1) << _subBucketHalfCountMagnitude) + (subBucketIndex - _subBucketHalfCount);
    }

    /// <summary>Smallest value that maps to slot <paramref name="index"/>.</summary>
    public long LowestValueAt(int index)
    {
        var (bucketIndex, subBucketIndex) = Decompose(index);
        return (long)subBucketIndex << bucketIndex;
    }

    /// <summary>Largest value that maps to slot <paramref name="index"/>.</summary>
    public long HighestValueAt(int index)
    {
        var (bucketIndex, subBucketIndex) = Decompose(index);
        // Written as lowest + (width - 1) so the top slot of a layout reaching long.MaxValue does not overflow.
        return ((long)subBucketIndex << bucketIndex) + ((1L << bucketIndex) - 1);
    }

    public bool HasSameShapeAs(HistogramBucketLayout other) =>
        SignificantDigits == other.SignificantDigits && HighestTrackableValue == other.HighestTrackableValue;

    private (int BucketIndex, int SubBucketIndex) Decompose(int index)
    {
        int bucketIndex = (index >> _subBucketHalfCountMagnitude) - 1;
        int subBucketIndex = (index & (_subBucketHalfCount - 1)) + _subBucketHalfCount;
        if (bucketIndex < 0)
        {
            subBucketIndex -= _subBucketHalfCount;
            bucketIndex = 0;
        }
        return (bucketIndex, subBucketIndex);
    }
}
