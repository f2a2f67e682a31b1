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

    /// <summary>The provider's separate library beside libonnxruntime.so, or null for providers built into the core.</summary>
    public static string? LibraryPath(string shortName, string? directory = null) =>
        ProviderLibraries.TryGetValue(shortName, out var lib) ? Path.Combine(directory ?? AppContext.BaseDirectory, lib) : null;

    /// <summary>True when the ONNX Runtime core itself was built with the provider.</summary>
    public static bool IsBuiltIn(string shortName) =>
        OrtEnv.Instance().GetAvailableProviders().Contains(OrtNames[shortName], StringComparer.Ordinal);

    /// <summary>Short names of the providers this ONNX Runtime build can offer (cpu is always there).</summary>
    /// <param name="libraryDirectory">Where provider libraries are looked for; null = beside the executable.</param>
    public static IReadOnlyList<string> Available(string? libraryDirectory = null)
    {
        var ort = OrtEnv.Instance().GetAvailableProviders();
        return All.Where(p => ort.Contains(OrtNames[p], StringComparer.Ordinal)
            || (LibraryPath(p, libraryDirectory) is { } lib && File.Exists(lib))).ToList();
    }

    /// <summary>
    /// Tries to start the provider exactly as a session would (the GPU providers through the same registration and
    /// device lookup), without a model: for `robotpolicy doctor`. Never throws for a provider that cannot start.
    /// </summary>
    public static ProviderProbe Probe(string shortName, int deviceId = 0, string? libraryDirectory = null)
    {
        string provider = Normalize(shortName);
        if (provider == Cpu)
        {
            return new ProviderProbe(provider, InBuild: true, Failure: null);
        }
        string library = LibraryPath(provider, libraryDirectory)!;
        if (!IsBuiltIn(provider) && !File.Exists(library))
        {
            return new ProviderProbe(provider, InBuild: false,
                $"not in this build: ONNX Runtime's core has no {OrtName(provider)} and there is no {Path.GetFileName(library)} beside it");
        }
        try
        {
            using var options = new SessionOptions();
            GpuProviders.Append(options, provider, deviceId, libraryDirectory);
            return new ProviderProbe(provider, InBuild: true, Failure: null);
        }
        catch (Exception e) when (e is OnnxRuntimeException or ProviderStartException or EntryPointNotFoundException or DllNotFoundException)
        {
            return new ProviderProbe(provider, InBuild: true, e.Message.Split('\n')[0].Trim());
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
}

/// <summary>What <see cref="ExecutionProviders.Probe"/> found: whether the build has the provider, and why it cannot start (null: it starts).</summary>
public sealed record ProviderProbe(string Provider, bool InBuild, string? Failure)
{
    public bool Starts => Failure is null;
}

/// <summary>The provider a session ended up with, and why, when it is the fallback rather than the one asked for.</summary>
public sealed record ProviderChoice(string Provider, string? FallbackReason);
