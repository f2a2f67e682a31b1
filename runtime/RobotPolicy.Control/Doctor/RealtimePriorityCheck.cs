using System.Globalization;
using RobotPolicy.Control.Scheduling;

namespace RobotPolicy.Control.Doctor;

/// <summary>
/// Whether `run --realtime` will get SCHED_FIFO: tried for real on a throwaway thread (the call `run` makes), with
/// RLIMIT_RTPRIO (getrlimit) and CAP_SYS_NICE (this process's effective capabilities) to say why or why not.
/// Without it the loop runs at normal priority, so this is a warning, not a failure.
/// </summary>
public sealed class RealtimePriorityCheck : IDoctorCheck
{
    private const int CapSysNice = 23;

    public string Name => "realtime";

    public IEnumerable<DoctorCheck> Run(DoctorOptions options)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [DoctorCheck.Skip(Name, "real-time priority is only set on Linux")];
        }
        int priority = options.RealtimePriority;
        string? refusal = null;
        var thread = new Thread(() => refusal = ThreadScheduling.TryMakeRealtime(priority)) { Name = "doctor SCHED_FIFO probe" };
        thread.Start();
        thread.Join();
        var limit = DoctorNative.GetRLimit(DoctorNative.RlimitRtprio);
        string? status = SysFs.Read(options.ProcRoot, "self/status");
        bool capSysNice = HasCapability(status, CapSysNice);
        return [Evaluate(priority, refusal, limit, capSysNice, DoctorNative.EffectiveUserId() == 0, Environment.ProcessPath)];
    }

    /// <summary>The finding from what was seen: the probe's refusal (null: granted), the limit, the capability, root.</summary>
    internal static DoctorCheck Evaluate(int priority, string? refusal, (ulong Soft, ulong Hard)? rtprio, bool capSysNice, bool root, string? executable)
    {
        const string name = "realtime";
        string limit = rtprio is { } l ? $"RLIMIT_RTPRIO {Limit(l.Soft)}, hard {Limit(l.Hard)}" : "RLIMIT_RTPRIO unknown";
        string rights = $"{limit}, CAP_SYS_NICE {(capSysNice ? "yes" : "no")}{(root ? ", root" : "")}";
        if (refusal is null)
        {
            string why = capSysNice || root ? "CAP_SYS_NICE" : $"RLIMIT_RTPRIO ≥ {priority}";
            return DoctorCheck.Ok(name, $"SCHED_FIFO priority {priority} granted on a test thread, through {why} ({rights}): `run --realtime` will get it");
        }
        if (refusal.Contains("not in 1..99", StringComparison.Ordinal))
        {
            return DoctorCheck.Fail(name, refusal, "give a --priority from 1 to 99");
        }
        string finding = $"SCHED_FIFO priority {priority} refused on a test thread ({rights}): `run --realtime` would run at normal priority with a warning";
        if (root || capSysNice)
        {
            // Root and still refused: a container without the capability, or a cgroup with no real-time budget.
            return DoctorCheck.Warn(name, finding + "; refused even with CAP_SYS_NICE, so the container or cgroup allows no real-time time",
                $"Docker: --ulimit rtprio={priority} (or --cap-add SYS_NICE); with cgroup v1 real-time groups, give the cgroup cpu.rt_runtime_us");
        }
        string exe = executable is null ? "the robotpolicy executable" : executable;
        return DoctorCheck.Warn(name, finding,
            $"as a service: AmbientCapabilities=CAP_SYS_NICE or LimitRTPRIO={priority} (deploy/robotpolicy.service); for a login: " +
            $"`{Environment.UserName} - rtprio {priority}` in /etc/security/limits.conf, then log in again; or `sudo setcap cap_sys_nice+ep {exe}`; " +
            $"in Docker: --ulimit rtprio={priority}");
    }

    /// <summary>Whether the process's effective capability set (CapEff in /proc/self/status) holds the capability.</summary>
    internal static bool HasCapability(string? procStatus, int capability)
    {
        string? line = procStatus?.Split('\n').FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong caps)
            && (caps & (1UL << capability)) != 0;
    }

    private static string Limit(ulong value) => value == DoctorNative.RlimInfinity ? "unlimited" : value.ToString(CultureInfo.InvariantCulture);
}
