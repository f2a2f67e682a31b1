namespace RobotPolicy.Tests.TestSupport;

/// <summary>Runs the real `robotpolicy` executable (built beside the tests) as a user would, capturing its output.</summary>
internal static class CliProcess
{
    public static ChildProcess.Result Run(params string[] args) => Run(TimeSpan.FromMinutes(3), args);

    /// <summary>For the few commands (a whole experiment suite) that take longer than the usual limit.</summary>
    public static ChildProcess.Result Run(TimeSpan timeout, params string[] args) =>
        ChildProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "robotpolicy.dll"), .. args], timeout,
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" });

    /// <summary>
    /// As a user who redirects the output to a file from a colour terminal: TERM and COLORTERM say colours work, no
    /// NO_COLOR, no COLUMNS; what comes out must still be plain text.
    /// </summary>
    public static ChildProcess.Result RunRedirected(TimeSpan timeout, params string[] args) =>
        ChildProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "robotpolicy.dll"), .. args], timeout,
            new Dictionary<string, string> { ["NO_COLOR"] = "", ["COLUMNS"] = "", ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor" });
}
