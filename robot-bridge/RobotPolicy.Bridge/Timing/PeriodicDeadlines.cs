namespace RobotPolicy.Bridge.Timing;

/// <summary>
/// Absolute deadlines start + k × period on the monotonic clock. Each deadline is computed from the start, never
/// from when the previous cycle happened to end, so lateness in one cycle does not shift the ones after it (no
/// drift). A cycle that finds itself past more than one deadline skips the missed ones and counts them rather than
/// running a burst of catch-up cycles. A value type: advancing allocates nothing.
/// </summary>
public struct PeriodicDeadlines
{
    private readonly long _startNanoseconds;
    private long _index;

    public PeriodicDeadlines(long startNanoseconds, long periodNanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(periodNanoseconds, 0);
        _startNanoseconds = startNanoseconds;
        PeriodNanoseconds = periodNanoseconds;
        _index = 1;
    }

    public long PeriodNanoseconds { get; }

    /// <summary>The deadline the current cycle runs to.</summary>
    public readonly long CurrentNanoseconds => _startNanoseconds + _index * PeriodNanoseconds;

    /// <summary>Deadlines skipped because a cycle overran past them.</summary>
    public long Skipped { get; private set; }

    /// <summary>
    /// Ends a cycle at <paramref name="nowNanoseconds"/>: the deadline becomes the first one after it. A cycle that
    /// ended before its deadline (it had its work early) keeps that deadline; deadlines that passed during an overrun
    /// are counted in <see cref="Skipped"/>.
    /// </summary>
    public void Advance(long nowNanoseconds)
    {
        long current = CurrentNanoseconds;
        if (nowNanoseconds < current)
        {
            return;
        }
        long passed = (nowNanoseconds - current) / PeriodNanoseconds;
        _index += passed + 1;
        Skipped += passed;
    }
}
