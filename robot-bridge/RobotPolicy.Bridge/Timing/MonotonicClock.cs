using System.Diagnostics;

namespace RobotPolicy.Bridge.Timing;

/// <summary>
/// Nanoseconds of this process's monotonic clock (Stopwatch: CLOCK_MONOTONIC on Linux), the time base of every
/// <c>*_ns</c> field a side sends. Wall-clock time never paces a control loop: it jumps when NTP corrects it.
/// </summary>
public static class MonotonicClock
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    public static long NowNanoseconds => ToNanoseconds(Stopwatch.GetTimestamp());

    public static long ToNanoseconds(long stopwatchTimestamp) => (long)(stopwatchTimestamp * NanosecondsPerTick);
}
