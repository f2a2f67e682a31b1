using System.Reflection;

namespace RobotPolicy.Checkpoint;

/// <summary>The version and git revision this build was made from (stamped by Directory.Build.targets).</summary>
public static class BuildInfo
{
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string Version => Informational.Split('+')[0];

    /// <summary>Short git revision, or null when the build was not made from a git checkout.</summary>
    public static string? GitRevision => Informational.Contains('+') ? Informational.Split('+')[1] : null;
}
