using System.Runtime.InteropServices;

namespace RobotPolicy.Control.Scheduling;

/// <summary>
/// Real-time priority and CPU pinning for the calling thread (Linux: pid 0 in these calls means the calling
/// thread, not the process, so the telemetry and transport threads keep normal priority). Each call returns null on
/// success or a one-line reason with the fix, which the caller logs as a warning: the loop still runs without them.
/// </summary>
public static unsafe partial class ThreadScheduling
{
    private const int SchedFifo = 1;
    private const int EPerm = 1;
    private const int EInval = 22;
    private const int CpuSetBytes = 128; // cpu_set_t: 1024 CPUs

    /// <summary>
    /// What a measuring or control thread asks for itself: SCHED_FIFO at <paramref name="realtimePriority"/> when
    /// given, pinning to <paramref name="cpu"/> when given, and 1 ns timer slack (without it every timed wait may end
    /// up to 50 µs late; a refusal only costs that). Returns a warning for each refusal that matters.
    /// </summary>
    public static List<string> ApplyToCallingThread(int? realtimePriority, int? cpu)
    {
        var warnings = new List<string>();
        if (realtimePriority is int priority && TryMakeRealtime(priority) is { } why)
        {
            warnings.Add($"running without real-time priority: {why}");
        }
        if (cpu is int c && TryPinToCpu(c) is { } whyNot)
        {
            warnings.Add($"running unpinned: {whyNot}");
        }
        TryMinimizeTimerSlack();
        return warnings;
    }

    /// <summary>Puts the calling thread under SCHED_FIFO at <paramref name="priority"/> (1 to 99).</summary>
    public static string? TryMakeRealtime(int priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "real-time priority is only set on Linux";
        }
        if (priority is < 1 or > 99)
        {
            return $"real-time priority {priority} is not in 1..99";
        }
        int param = priority;
        if (SchedSetScheduler(0, SchedFifo, &param) == 0)
        {
            return null;
        }
        int errno = Marshal.GetLastPInvokeError();
        return errno == EPerm
            ? $"no permission for SCHED_FIFO priority {priority}: run as root, give the binary CAP_SYS_NICE (`sudo setcap cap_sys_nice+ep $(which dotnet)`), or raise rtprio in /etc/security/limits.conf"
            : $"SCHED_FIFO priority {priority} refused: {Marshal.GetPInvokeErrorMessage(errno)}";
    }

    /// <summary>Pins the calling thread to CPU <paramref name="cpu"/>.</summary>
    public static string? TryPinToCpu(int cpu)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "CPU pinning is only done on Linux";
        }
        if (cpu < 0 || cpu >= CpuSetBytes * 8)
        {
            return $"CPU {cpu} is not a CPU number";
        }
        byte* mask = stackalloc byte[CpuSetBytes];
        new Span<byte>(mask, CpuSetBytes).Clear();
        mask[cpu / 8] = (byte)(1 << (cpu % 8));
        if (SchedSetAffinity(0, CpuSetBytes, mask) == 0)
        {
            return null;
        }
        int errno = Marshal.GetLastPInvokeError();
        return errno == EInval
            ? $"CPU {cpu} is not one this process may use (this machine has {Environment.ProcessorCount}; see `nproc` and the container's cpuset)"
            : $"pinning to CPU {cpu} refused: {Marshal.GetPInvokeErrorMessage(errno)}";
    }

    /// <summary>
    /// Sets the calling thread's timer slack (how much later than asked the kernel may end its sleeps, to batch
    /// wake-ups) to 1 ns. Linux gives ordinary threads 50 µs, which a 1 kHz loop would feel in every timed wait;
    /// real-time threads have none anyway.
    /// </summary>
    public static string? TryMinimizeTimerSlack()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "timer slack is only set on Linux";
        }
        const int PrSetTimerSlack = 29;
        return Prctl(PrSetTimerSlack, 1, 0, 0, 0) == 0 ? null : $"timer slack refused: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";
    }

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, int* param);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint size, byte* mask);
}
