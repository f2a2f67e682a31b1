namespace RobotPolicy.Tests.TestSupport;

/// <summary>Runs the real `robotpolicy` executable (built beside the tests) as a user would, capturing its output.</summary>
internal static class CliProcess
{
    public static ChildProcess.Result Run(params string[] args) => Run(TimeSpan.FromMinutes(3), args);

    /// <summary>For the few commands (a whole experiment suite) that take longer than the usual limit.</summary>
    public static ChildProcess.Result Run(TimeSpan timeout, params string[] args) =>
        ChildProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "robotpolicy.dll"), .. args], timeout,
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" });
}
