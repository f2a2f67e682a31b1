namespace RobotPolicy.Control.Doctor;

/// <summary>
/// Checks the machine a policy is about to run on: ONNX Runtime and its providers, CPU frequency governor, real-time
/// permission, serial devices, clock source and CPU isolation, each finding with what to fix. No CLI dependency, so
/// every executable that runs policies can offer it.
/// </summary>
public static class Doctor
{
    /// <summary>Every check, in the order they run and are reported.</summary>
    public static IReadOnlyList<IDoctorCheck> Checks { get; } =
    [
        new OnnxRuntimeLibraryCheck(),
        new ExecutionProviderCheck(),
        new CpuGovernorCheck(),
        new RealtimePriorityCheck(),
        new SerialPortCheck(),
        new ClockSourceCheck(),
        new CpuIsolationCheck(),
    ];

    public static IReadOnlyList<DoctorCheck> RunAll(DoctorOptions? options = null)
    {
        options ??= new DoctorOptions();
        var results = new List<DoctorCheck>();
        foreach (var check in Checks)
        {
            results.AddRange(RunOne(check, options));
        }
        return results;
    }

    /// <summary>A check that throws is reported as failed rather than ending the others.</summary>
    public static IReadOnlyList<DoctorCheck> RunOne(IDoctorCheck check, DoctorOptions options)
    {
        try
        {
            return check.Run(options).ToList();
        }
#pragma warning disable CA1031 // A broken check must not hide the rest of the report.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return [DoctorCheck.Fail(check.Name, $"the check itself failed: {e.GetType().Name}: {e.Message}",
                "this is a bug in robotpolicy doctor; the other checks still ran")];
        }
    }

    /// <summary>0 when no check failed, 1 otherwise (warnings and skips do not count).</summary>
    public static int ExitCode(IReadOnlyList<DoctorCheck> checks) => checks.Any(c => c.Status == DoctorStatus.Fail) ? 1 : 0;

    /// <summary>The lower-case name used in reports and JSON.</summary>
    public static string StatusName(DoctorStatus status) => status switch
    {
        DoctorStatus.Ok => "ok",
        DoctorStatus.Warn => "warn",
        DoctorStatus.Fail => "fail",
        _ => "skip",
    };
}
