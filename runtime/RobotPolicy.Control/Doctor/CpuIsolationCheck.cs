namespace RobotPolicy.Control.Doctor;

/// <summary>
/// How many CPUs there are and whether any is set aside for the control loop (isolcpus, nohz_full): information,
/// never a failure. An isolated CPU is where `run --cpu N` belongs.
/// </summary>
public sealed class CpuIsolationCheck : IDoctorCheck
{
    public string Name => "cpus";

    public IEnumerable<DoctorCheck> Run(DoctorOptions options) =>
    [
        Describe(Environment.ProcessorCount,
            SysFs.Read(options.SysRoot, "devices/system/cpu/online"),
            SysFs.Read(options.SysRoot, "devices/system/cpu/isolated"),
            SysFs.Read(options.SysRoot, "devices/system/cpu/nohz_full")),
    ];

    internal static DoctorCheck Describe(int usable, string? online, string? isolated, string? nohzFull)
    {
        static bool None(string? list) => string.IsNullOrWhiteSpace(list) || list == "(null)";
        string onlineText = online is null ? "" : $" (online: {online})";
        string isolation = None(isolated)
            ? "none isolated (isolcpus)"
            : $"isolated: {isolated} (run with --cpu {isolated!.Split(',', '-')[0]})";
        string tickless = None(nohzFull) ? "nohz_full off" : $"nohz_full: {nohzFull}";
        string advice = None(isolated) && usable >= 4
            ? "; to give the loop a CPU of its own, boot with isolcpus=N nohz_full=N rcu_nocbs=N and run with --cpu N"
            : "";
        return DoctorCheck.Ok("cpus", $"{usable} CPUs usable by this process{onlineText}; {isolation}; {tickless}{advice}");
    }
}
