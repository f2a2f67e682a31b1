using System.Diagnostics;

namespace RobotPolicy.Bridge.Transports;

/// <summary>When a receive's wait ends, on the monotonic clock; a value type, so waiting allocates nothing.</summary>
internal readonly struct ReceiveDeadline
{
    private readonly long _endTimestamp;
    private readonly bool _infinite;

    public ReceiveDeadline(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            _infinite = true;
            return;
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        double ticks = timeout.TotalSeconds * Stopwatch.Frequency;
        // Beyond a century (TimeSpan.MaxValue, say) the end would overflow the clock: wait without limit instead.
        if (ticks > 100 * 365.25 * 86_400 * (double)Stopwatch.Frequency)
        {
            _infinite = true;
            return;
        }
        _endTimestamp = Stopwatch.GetTimestamp() + (long)ticks;
    }

    public bool IsInfinite => _infinite;

    /// <summary>Time left (zero once passed); <see cref="Timeout.InfiniteTimeSpan"/> for an infinite wait.</summary>
    public TimeSpan Remaining
    {
        get
        {
            if (_infinite)
            {
                return Timeout.InfiniteTimeSpan;
            }
            long left = _endTimestamp - Stopwatch.GetTimestamp();
            return left <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)left / Stopwatch.Frequency);
        }
    }

    /// <summary>Milliseconds left for waits that take them, rounded up so a short wait does not become a spin; -1 for infinite.</summary>
    public int RemainingMilliseconds
    {
        get
        {
            if (_infinite)
            {
                return Timeout.Infinite;
            }
            double left = Remaining.TotalMilliseconds;
            return left <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(left));
        }
    }

    public bool HasPassed => !_infinite && Stopwatch.GetTimestamp() >= _endTimestamp;
}
