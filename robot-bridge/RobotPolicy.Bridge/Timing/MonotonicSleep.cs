using System.Runtime.InteropServices;

namespace RobotPolicy.Bridge.Timing;

/// <summary>
/// Sleeps until an absolute time on the monotonic clock with the kernel's high-resolution timers
/// (clock_nanosleep with TIMER_ABSTIME on CLOCK_MONOTONIC, as cyclictest does): microsecond wake-ups without spinning,
/// where Thread.Sleep and poll() round to whole milliseconds. Elsewhere it falls back to Thread.Sleep.
/// </summary>
public static unsafe partial class MonotonicSleep
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsolute = 1;
    private const int EIntr = 4;

    /// <summary>Returns at or after <paramref name="deadlineNanoseconds"/> (a <see cref="MonotonicClock"/> time).</summary>
    public static void Until(long deadlineNanoseconds)
    {
        if (!OperatingSystem.IsLinux() || System.Diagnostics.Stopwatch.Frequency != 1_000_000_000)
        {
            long left = deadlineNanoseconds - MonotonicClock.NowNanoseconds;
            if (left > 0)
            {
                Thread.Sleep(TimeSpan.FromTicks(left / 100));
            }
            return;
        }
        // On Linux the Stopwatch is CLOCK_MONOTONIC in nanoseconds, so its times are the kernel's.
        var time = new TimeSpec { Seconds = deadlineNanoseconds / 1_000_000_000, Nanoseconds = deadlineNanoseconds % 1_000_000_000 };
        while (ClockNanosleep(ClockMonotonic, TimerAbsolute, &time, null) == EIntr)
        {
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // Returns the error number itself (not through errno), 0 on success.
    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, TimeSpec* request, TimeSpec* remain);
}
