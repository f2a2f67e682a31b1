using Microsoft.ML.OnnxRuntime;

namespace RobotPolicy.Runtime.Session;

/// <summary>The execution providers a session can ask for, by the short names the CLI uses.</summary>
public static class ExecutionProviders
{
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";
    public const string TensorRt = "tensorrt";

    public static readonly string[] All = [Cpu, Cuda, TensorRt];

    private static readonly Dictionary<string, string> OrtNames = new(StringComparer.OrdinalIgnoreCase)
    {
        [Cpu] = "CPUExecutionProvider",
        [Cuda] = "CUDAExecutionProvider",
        [TensorRt] = "TensorrtExecutionProvider",
    };

    public static string OrtName(string shortName) => OrtNames[shortName];

    // GPU providers ship as separate libraries that ONNX Runtime loads from beside libonnxruntime.so when a session
    // asks for them; ORT 1.29's GetAvailableProviders() lists only what is compiled into the core, so a provider
    // counts as available when either is true.
    private static readonly Dictionary<string, string> ProviderLibraries = new(StringComparer.Ordinal)
    {
        [Cuda] = "libonnxruntime_providers_cuda.so",
        [TensorRt] = "libonnxruntime_providers_tensorrt.so",
    };

    /// <summary>Short names of the providers this ONNX Runtime build can offer (cpu is always there).</summary>
    public static IReadOnlyList<string> Available()
    {
        var ort = OrtEnv.Instance().GetAvailableProviders();
        return All.Where(p => ort.Contains(OrtNames[p], StringComparer.Ordinal)
            || (ProviderLibraries.TryGetValue(p, out var lib) && File.Exists(Path.Combine(AppContext.BaseDirectory, lib)))).ToList();
    }

    /// <summary>Throws a clear error for a name that is not a provider at all (as opposed to one that is not available).</summary>
    public static string Normalize(string name)
    {
        string lower = name.Trim().ToLowerInvariant();
        return OrtNames.ContainsKey(lower)
            ? lower
            : throw new PolicySessionException($"unknown execution provider '{name}'; expected one of {string.Join(", ", All)}");
    }
}

/// <summary>The provider a session ended up with, and why, when it is the fallback rather than the one asked for.</summary>
public sealed record ProviderChoice(string Provider, string? FallbackReason);
