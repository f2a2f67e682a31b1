namespace RobotPolicy.Cli;

/// <summary>Where NLog writes (see NLog.config): ROBOTPOLICY_LOG_DIR, else a robotpolicy folder in the temp directory.</summary>
internal static class LogFiles
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("ROBOTPOLICY_LOG_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "robotpolicy");

    public static string Current => Path.Combine(Directory, "robotpolicy.log");
}
