using Microsoft.ML.OnnxRuntime;

namespace RobotPolicy.Runtime.Session;

/// <summary>The execution providers a session can ask for, by the short names the CLI uses.</summary>
public static class ExecutionProviders
{
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";
    public const string TensorRt = "tensorrt";

    public static readonly string[] All = [Cpu, Cuda, TensorRt];

    /// <summary>The build property that switches to ONNX Runtime's CUDA / TensorRT package.</summary>
    public const string GpuBuildProperty = "-p:RobotPolicyGpu=true";

    private static readonly Dictionary<string, string> OrtNames = new(StringComparer.OrdinalIgnoreCase)
    {
        [Cpu] = "CPUExecutionProvider",
        [Cuda] = "CUDAExecutionProvider",
        [TensorRt] = "TensorrtExecutionProvider",
    };

    public static string OrtName(string shortName) => OrtNames[shortName];

    /// <summary>True when this ONNX Runtime build has the provider (the GPU package lists CUDA and TensorRT).</summary>
    public static bool InBuild(string shortName) =>
        OrtEnv.Instance().GetAvailableProviders().Contains(OrtNames[shortName], StringComparer.Ordinal);

    /// <summary>Short names of the providers this ONNX Runtime build can offer (cpu is always there).</summary>
    public static IReadOnlyList<string> Available()
    {
        var ort = OrtEnv.Instance().GetAvailableProviders();
        return All.Where(p => ort.Contains(OrtNames[p], StringComparer.Ordinal)).ToList();
    }

    /// <summary>
    /// Tries to start the provider exactly as a session would, without a model: for `robotpolicy doctor`. Never
    /// throws for a provider that cannot start.
    /// </summary>
    public static ProviderProbe Probe(string shortName, int deviceId = 0)
    {
        string provider = Normalize(shortName);
        if (provider == Cpu)
        {
            return new ProviderProbe(provider, InBuild: true, Failure: null);
        }
        if (!InBuild(provider))
        {
            return new ProviderProbe(provider, InBuild: false,
                $"not in this build: this ONNX Runtime (the CPU package) has no {OrtName(provider)}");
        }
        try
        {
            using var options = new SessionOptions();
            GpuProviders.Append(options, provider, new GpuProviderSettings(deviceId));
            return new ProviderProbe(provider, InBuild: true, Failure: null);
        }
        catch (Exception e) when (IsStartFailure(e))
        {
            return new ProviderProbe(provider, InBuild: true, ProviderErrorText.Simplify(e.Message));
        }
    }

    /// <summary>Throws a clear error for a name that is not a provider at all (as opposed to one that is not available).</summary>
    public static string Normalize(string name)
    {
        string lower = name.Trim().ToLowerInvariant();
        return OrtNames.ContainsKey(lower)
            ? lower
            : throw new PolicySessionException($"unknown execution provider '{name}'; expected one of {string.Join(", ", All)}");
    }

    // ORT reports a provider that cannot start (a missing CUDA library, no device) as its own exception.
    internal static bool IsStartFailure(Exception e) =>
        e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException;

    internal static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

/// <summary>What <see cref="ExecutionProviders.Probe"/> found: whether the build has the provider, and why it cannot start (null: it starts).</summary>
public sealed record ProviderProbe(string Provider, bool InBuild, string? Failure)
{
    public bool Starts => Failure is null;
}

/// <summary>
/// The provider a session ended up with, and why, when it is the fallback rather than the one asked for; for CUDA,
/// the device and whether it runs as a CUDA graph.
/// </summary>
public sealed record ProviderChoice(string Provider, string? FallbackReason, int DeviceId = 0, bool CudaGraph = false);
