using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using RobotPolicy.Runtime.Session;

namespace RobotPolicy.Control.Doctor;

/// <summary>
/// Which execution providers start here, each tried the way a session starts it (<see cref="ExecutionProviders.Probe"/>),
/// and for the GPU ones which of the CUDA libraries the pinned provider libraries need this machine lacks.
/// The provider the robot will use (<see cref="DoctorOptions.RequiredProvider"/>) failing is a failure; any other
/// provider is a warning when this build has it and cannot start it, and skipped when this build lacks it.
/// </summary>
public sealed class ExecutionProviderCheck : IDoctorCheck
{
    /// <summary>The libraries the GPU package's provider libraries (Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32.0) are linked against (readelf -d, NEEDED).</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> NeededLibraries = new Dictionary<string, string[]>
    {
        [ExecutionProviders.Cuda] = ["libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10"],
        [ExecutionProviders.TensorRt] = ["libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcudnn.so.9", "libnvinfer.so.10", "libnvonnxparser.so.10"],
    };

    public string Name => "provider";

    public IEnumerable<DoctorCheck> Run(DoctorOptions options)
    {
        string required = ExecutionProviders.Normalize(options.RequiredProvider);
        string[] builtIn;
        try
        {
            builtIn = OrtEnv.Instance().GetAvailableProviders();
        }
        catch (Exception e) when (OnnxRuntimeLibraryCheck.IsLoadFailure(e))
        {
            string why = $"not tried: ONNX Runtime did not load ({OnnxRuntimeLibraryCheck.Innermost(e)})";
            return ExecutionProviders.All.Select(p => p == required
                ? DoctorCheck.Fail($"{Name}:{p}", why, "see the onnxruntime check")
                : DoctorCheck.Skip($"{Name}:{p}", why)).ToList();
        }
        return ExecutionProviders.All.Select(p => Check(p, p == required, builtIn)).ToList();
    }

    private DoctorCheck Check(string provider, bool required, string[] builtIn)
    {
        string name = $"{Name}:{provider}";
        var probe = ExecutionProviders.Probe(provider, deviceId: 0);
        if (provider == ExecutionProviders.Cpu)
        {
            return probe.Starts
                ? DoctorCheck.Ok(name, $"always available (built into ONNX Runtime; its core lists {string.Join(", ", builtIn)})")
                : DoctorCheck.Fail(name, probe.Failure!, "see the onnxruntime check");
        }
        if (probe.Starts)
        {
            return DoctorCheck.Ok(name, $"{ExecutionProviders.OrtName(provider)} starts and found device 0");
        }
        string[] missing = MissingLibraries(provider);
        string machine = missing.Length == 0
            ? "this machine has every CUDA library it needs"
            : $"this machine lacks {string.Join(", ", missing.Select(Describe))}";
        string finding = $"{probe.Failure}; {machine}";
        string fix = probe.InBuild
            ? (missing.Length == 0
                ? $"see the error above; `--fallback cpu` runs on the CPU meanwhile"
                : $"install what is missing ({string.Join(", ", missing)}: the NVIDIA driver and CUDA 13 runtime, " +
                  (provider == ExecutionProviders.TensorRt ? "cuDNN 9 and TensorRT 10" : "or use the CUDA Docker image") + "); `--fallback cpu` runs on the CPU meanwhile")
            : $"build or publish with {ExecutionProviders.GpuBuildProperty} (linux-x64; ONNX Runtime's CUDA 13 / TensorRT package) for a machine with the NVIDIA driver and CUDA 13, or use the CUDA Docker image";
        if (required)
        {
            return DoctorCheck.Fail(name, finding, fix);
        }
        return probe.InBuild
            ? DoctorCheck.Warn(name, finding, fix)
            : new DoctorCheck(name, DoctorStatus.Skip, finding + " (not needed for a CPU policy)", fix);
    }

    private static string Describe(string library) => library == "libcuda.so.1" ? "libcuda.so.1 (the NVIDIA driver: no GPU here?)" : library;

    /// <summary>The provider's CUDA libraries that the dynamic loader cannot find here.</summary>
    internal static string[] MissingLibraries(string provider) =>
        NeededLibraries.TryGetValue(provider, out var libraries)
            ? libraries.Where(l => !NativeLibrary.TryLoad(l, out _)).ToArray()
            : [];
}
