namespace RobotPolicy.Control.Doctor;

/// <summary>
/// The CPU frequency governor of every CPU (sysfs <c>cpuN/cpufreq/scaling_governor</c>): anything but
/// <c>performance</c> lets the clock drop between control cycles, and each cycle then starts slow. A machine without
/// cpufreq (a VM, where the host sets the clock) is skipped with that reason.
/// </summary>
public sealed class CpuGovernorCheck : IDoctorCheck
{
    public string Name => "cpu-governor";

    public IEnumerable<DoctorCheck> Run(DoctorOptions options)
    {
        var cpus = SysFs.CpuDirectories(options.SysRoot);
        if (cpus.Count == 0)
        {
            return [DoctorCheck.Skip(Name, $"no CPUs under {Path.Combine(options.SysRoot, "devices/system/cpu")} (not Linux, or sysfs is not mounted)")];
        }
        var governors = cpus
            .Select(c => (c.Number, Governor: SysFs.Read(c.Path, "cpufreq/scaling_governor")))
            .Where(c => c.Governor is not null)
            .ToList();
        if (governors.Count == 0)
        {
            return [DoctorCheck.Skip(Name,
                $"no CPU frequency scaling here ({cpus.Count} CPUs, none with cpufreq/scaling_governor: typical of a VM, where the host sets the clock); nothing to set")];
        }
        var slow = governors.Where(g => g.Governor != "performance").ToList();
        if (slow.Count == 0)
        {
            return [DoctorCheck.Ok(Name, $"performance on all {governors.Count} CPUs with cpufreq")];
        }
        string which = string.Join("; ", slow.GroupBy(g => g.Governor!)
            .Select(g => $"{g.Key} on CPU {SysFs.Ranges(g.Select(c => c.Number))}"));
        return [DoctorCheck.Warn(Name,
            $"{which} (of {governors.Count} CPUs with cpufreq): the clock can drop between control cycles, so each cycle starts slow",
            "sudo cpupower frequency-set -g performance (or `echo performance | sudo tee /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor`; " +
            "neither survives a reboot: put it in a boot-time unit); on a Jetson: sudo nvpmodel -m 0 && sudo jetson_clocks")];
    }
}
