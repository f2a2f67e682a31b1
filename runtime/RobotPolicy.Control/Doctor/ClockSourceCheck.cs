using System.Globalization;

namespace RobotPolicy.Control.Doctor;

/// <summary>
/// The kernel's clock source (sysfs <c>clocksource0/current_clocksource</c>), which every monotonic timestamp and
/// deadline reads: <c>tsc</c> (x86) and <c>arch_sys_counter</c> (arm64) are read in user space in nanoseconds;
/// <c>hpet</c> or <c>acpi_pm</c> cost a system call or microseconds per read. And the monotonic clock's resolution
/// (clock_getres), which is 1 ns with high-resolution timers.
/// </summary>
public sealed class ClockSourceCheck : IDoctorCheck
{
    /// <summary>Clock sources read cheaply in user space through the vDSO.</summary>
    public static readonly string[] FastSources = ["tsc", "arch_sys_counter"];

    public string Name => "clocksource";

    public IEnumerable<DoctorCheck> Run(DoctorOptions options) =>
    [
        Source(SysFs.Read(options.SysRoot, "devices/system/clocksource/clocksource0/current_clocksource"),
            SysFs.Read(options.SysRoot, "devices/system/clocksource/clocksource0/available_clocksource")),
        Resolution(DoctorNative.MonotonicResolutionNs()),
    ];

    internal static DoctorCheck Source(string? current, string? available)
    {
        if (current is null)
        {
            return DoctorCheck.Skip("clocksource", "no clocksource0 in sysfs (not Linux, or sysfs is not mounted)");
        }
        string[] offered = available?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        string others = offered.Length > 0 ? $" (available: {string.Join(", ", offered)})" : "";
        if (FastSources.Contains(current, StringComparer.Ordinal))
        {
            return DoctorCheck.Ok("clocksource", $"{current}{others}: timestamps are read in user space");
        }
        string? better = FastSources.FirstOrDefault(s => offered.Contains(s, StringComparer.Ordinal));
        string fix = better is not null
            ? $"echo {better} | sudo tee /sys/devices/system/clocksource/clocksource0/current_clocksource, and boot with clocksource={better} to keep it" +
              (better == "tsc" ? " (the kernel moves off tsc when it finds it unstable: `sudo dmesg | grep -i tsc` says why)" : "")
            : current == "kvm-clock"
                ? "a VM's kvm-clock is usual there; on the robot's own computer expect tsc or arch_sys_counter"
                : "this kernel offers no cheaper source: check the firmware/BIOS timer settings";
        return DoctorCheck.Warn("clocksource", $"{current}{others}: reading the clock costs more than with tsc or arch_sys_counter", fix);
    }

    internal static DoctorCheck Resolution(long? nanoseconds)
    {
        if (nanoseconds is not long ns)
        {
            return DoctorCheck.Skip("timer-resolution", "clock_getres(CLOCK_MONOTONIC) is not available here");
        }
        string text = ns.ToString(CultureInfo.InvariantCulture);
        return ns <= 1_000
            ? DoctorCheck.Ok("timer-resolution", $"CLOCK_MONOTONIC resolution {text} ns (high-resolution timers)")
            : DoctorCheck.Warn("timer-resolution", $"CLOCK_MONOTONIC resolution {text} ns: no high-resolution timers, so sleeps to a deadline overshoot by up to that",
                "use a kernel with CONFIG_HIGH_RES_TIMERS=y (every distribution kernel has it) and do not boot with highres=off");
    }
}
