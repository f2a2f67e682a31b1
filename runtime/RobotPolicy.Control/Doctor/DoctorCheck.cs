namespace RobotPolicy.Control.Doctor;

/// <summary>How a check came out. Only <see cref="Fail"/> makes `robotpolicy doctor` exit 1.</summary>
public enum DoctorStatus
{
    /// <summary>As it should be for a robot.</summary>
    Ok,

    /// <summary>Works, but costs latency or needs attention (a governor, no real-time permission).</summary>
    Warn,

    /// <summary>Something `robotpolicy run` needs is missing (ONNX Runtime, the provider asked for, a serial device).</summary>
    Fail,

    /// <summary>Does not apply here (no cpufreq on a VM, a provider this build does not have), with the reason.</summary>
    Skip,
}

/// <summary>One finding of the doctor: what was checked, how it came out, what was seen, and what to do (null when nothing).</summary>
public sealed record DoctorCheck(string Name, DoctorStatus Status, string Finding, string? Fix = null)
{
    public static DoctorCheck Ok(string name, string finding) => new(name, DoctorStatus.Ok, finding);

    public static DoctorCheck Skip(string name, string finding) => new(name, DoctorStatus.Skip, finding);

    public static DoctorCheck Warn(string name, string finding, string fix) => new(name, DoctorStatus.Warn, finding, fix);

    public static DoctorCheck Fail(string name, string finding, string fix) => new(name, DoctorStatus.Fail, finding, fix);
}

/// <summary>One kind of check (a class per kind); it may report several findings, such as one per serial device.</summary>
public interface IDoctorCheck
{
    /// <summary>The check's name, the prefix of its findings' names.</summary>
    string Name { get; }

    IEnumerable<DoctorCheck> Run(DoctorOptions options);
}
