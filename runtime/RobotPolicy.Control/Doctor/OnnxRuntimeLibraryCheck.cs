using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace RobotPolicy.Control.Doctor;

/// <summary>
/// ONNX Runtime's native library: that it loads through the binding (OrtGetApiBase, then GetVersionString), which
/// file the process actually mapped, and its version against the 1.29 the binding is built for.
/// </summary>
public sealed class OnnxRuntimeLibraryCheck : IDoctorCheck
{
    /// <summary>The ONNX Runtime version the C# binding (com.github.asus4.onnxruntime@0.4.9) is built for.</summary>
    public static readonly Version BindingVersion = new(1, 29, 0);

    public string Name => "onnxruntime";

    public IEnumerable<DoctorCheck> Run(DoctorOptions options)
    {
        string expected = Path.Combine(options.LibraryDirectory ?? AppContext.BaseDirectory, "libonnxruntime.so");
        string version;
        try
        {
            version = OrtEnv.Instance().GetVersionString();
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            return [DoctorCheck.Fail(Name,
                $"ONNX Runtime did not load: {Innermost(e)}" + (File.Exists(expected) ? $" ({expected} is there)" : $" ({expected} does not exist)"),
                "the build copies libonnxruntime.so beside robotpolicy (fetched with npm): rebuild or republish, or put the " +
                $"library for this CPU ({RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}) there or on LD_LIBRARY_PATH")];
        }
        string loaded = LoadedLibraryPath() ?? expected;
        string finding = $"ONNX Runtime {version} ({RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}), {loaded}";
        if (Version.TryParse(version, out var parsed) && parsed < BindingVersion)
        {
            return [DoctorCheck.Warn(Name, finding + $"; older than the {BindingVersion} the binding is built for",
                $"use the libonnxruntime.so the build puts beside robotpolicy ({BindingVersion} or newer)")];
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
