using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using RobotPolicy.Runtime.Session;

namespace RobotPolicy.Control.Doctor;

/// <summary>
/// ONNX Runtime's native library: that it loads through the binding (OrtGetApiBase, then GetVersionString), which
/// file the process actually mapped, and its version against the Microsoft.ML.OnnxRuntime package the C# API comes from.
/// </summary>
public sealed class OnnxRuntimeLibraryCheck : IDoctorCheck
{

    public string Name => "onnxruntime";

    public IEnumerable<DoctorCheck> Run(DoctorOptions options)
    {
        string expected = Path.Combine(options.LibraryDirectory ?? OnnxRuntimeBuild.NativeDirectory(), OnnxRuntimeBuild.LibraryName);
        string version;
        try
        {
            version = OrtEnv.Instance().GetVersionString();
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            return [DoctorCheck.Fail(Name,
                $"ONNX Runtime did not load: {Innermost(e)}" + (File.Exists(expected) ? $" ({expected} is there)" : $" ({expected} does not exist)"),
                $"the build puts ONNX Runtime {OnnxRuntimeBuild.ManagedVersion.ToString(3)}'s libonnxruntime.so (from the Microsoft.ML.OnnxRuntime " +
                $"NuGet package) there: rebuild or republish for {OnnxRuntimeBuild.Rid}, or put that library there or on LD_LIBRARY_PATH")];
        }
        string loaded = LoadedLibraryPath() ?? expected;
        string finding = $"ONNX Runtime {version} ({RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}), {loaded}";
        var managed = OnnxRuntimeBuild.ManagedVersion;
        if (Version.TryParse(version, out var parsed) && (parsed.Major, parsed.Minor) != (managed.Major, managed.Minor))
        {
            return [DoctorCheck.Warn(Name, finding + $"; the C# API is from ONNX Runtime {managed.ToString(3)}",
                $"use the libonnxruntime.so the build puts at {expected} (ONNX Runtime {managed.ToString(3)})")];
        }
        return [DoctorCheck.Ok(Name, finding)];
    }

    internal static bool IsLoadFailure(Exception e) =>
        e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or BadImageFormatException or OnnxRuntimeException;

    internal static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e.Message.Split('\n')[0].Trim();
    }

    /// <summary>The libonnxruntime file this process has mapped, from /proc/self/maps (null when it cannot tell).</summary>
    private static string? LoadedLibraryPath()
    {
        try
        {
            return File.ReadLines("/proc/self/maps")
                .Select(line => line.IndexOf('/', StringComparison.Ordinal) is int i and >= 0 ? line[i..] : null)
                .FirstOrDefault(path => path is not null && Path.GetFileName(path).StartsWith("libonnxruntime.so", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
