using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace RobotPolicy.Runtime.Session;

/// <summary>
/// Which ONNX Runtime this build ships and where its native library lives: beside the executable for a RID-specific
/// build or publish (and NativeAOT), under runtimes/&lt;rid&gt;/native/ for a portable one, where the .NET host
/// loads it from.
/// </summary>
public static class OnnxRuntimeBuild
{
    public const string LibraryName = "libonnxruntime.so";

    /// <summary>The version of the Microsoft.ML.OnnxRuntime package the C# API comes from (its native library should match).</summary>
    public static Version ManagedVersion { get; } = ReadManagedVersion();

    /// <summary>This process's platform as a .NET runtime identifier (linux-x64, linux-arm64, ...).</summary>
    public static string Rid => $"linux-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";

    /// <summary>The folder the native library is expected in, for an application in <paramref name="appDirectory"/>.</summary>
    public static string NativeDirectory(string? appDirectory = null)
    {
        string app = appDirectory ?? AppContext.BaseDirectory;
        string portable = Path.Combine(app, "runtimes", Rid, "native");
        return !File.Exists(Path.Combine(app, LibraryName)) && Directory.Exists(portable) ? portable : app;
    }

    /// <summary>The native library's version string, loading it if it is not loaded yet.</summary>
    public static string NativeVersion() => OrtEnv.Instance().GetVersionString();

    private static Version ReadManagedVersion()
    {
        var assembly = typeof(OrtEnv).Assembly;
        string? text = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // "1.32.0+<commit>" or "1.32.0-dev": the numeric part is the release.
        string numeric = text?.Split('+', '-')[0] ?? "";
        return Version.TryParse(numeric, out var v) ? v : assembly.GetName().Version ?? new Version(0, 0);
    }
}
