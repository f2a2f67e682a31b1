using System.Reflection;

namespace RobotPolicy.Exporter;

/// <summary>The exporter's version as recorded in every bundle it writes.</summary>
public static class ExporterVersion
{
    public static string Value { get; } =
        typeof(ExporterVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
