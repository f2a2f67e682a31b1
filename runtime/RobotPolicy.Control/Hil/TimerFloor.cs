using RobotPolicy.Bridge.Timing;
using RobotPolicy.Runtime.Diagnostics;

namespace RobotPolicy.Control.Hil;

/// <summary>The machine's floor: how late a bare loop that does nothing but sleep to absolute deadlines wakes up.</summary>
public sealed class TimerFloorResult
{
    public LatencyHistogram WakeLateness { get; } = new();

    /// <summary>Deadlines slept through (a stall longer than a period).</summary>
    public long DeadlineMisses { get; internal set; }

    public long Cycles { get; internal set; }

    public List<(double Seconds, double MaxWakeMicroseconds)> Timeline { get; } = [];
}

/// <summary>
/// Measures the timer floor at a rate: the same wait the probe robot uses (clock_nanosleep to an absolute
/// deadline), with nothing else in the loop, on a thread of the same priority. What a control loop cannot beat on
/// this machine, so the loop's tails read as a ratio to it.
/// </summary>
public static class TimerFloor
{
    public static TimerFloorResult Measure(double rateHz, TimeSpan duration, CancellationToken cancel = default)
    {
        var result = new TimerFloorResult();
        long period = (long)Math.Round(1e9 / rateHz);
        long start = MonotonicClock.NowNanoseconds;
        long end = start + (long)(duration.TotalSeconds * 1e9);
        var deadlines = new PeriodicDeadlines(start, period);
        long windowEnd = start + 100_000_000;
        double windowMax = 0;
        while (!cancel.IsCancellationRequested)
        {
            long deadline = deadlines.CurrentNanoseconds;
            MonotonicSleep.Until(deadline);
            long now = MonotonicClock.NowNanoseconds;
            if (now >= end)
            {
                break;
            }
            long late = now - deadline;
            // Corrected for coordinated omission like the loop's latencies: a stall also stands for the wake-ups it
            // swallowed, so the two tails compare like for like.
            result.WakeLateness.RecordWithExpectedInterval(Math.Max(0, late), period);
            result.Cycles++;
            windowMax = Math.Max(windowMax, late / 1e3);
            long skipped = deadlines.Skipped;
            deadlines.Advance(now);
            result.DeadlineMisses += deadlines.Skipped - skipped;
            if (now >= windowEnd)
            {
                result.Timeline.Add(((windowEnd - start) / 1e9, windowMax));
                windowEnd += 100_000_000;
                windowMax = 0;
            }
        }
        return result;
    }
}
