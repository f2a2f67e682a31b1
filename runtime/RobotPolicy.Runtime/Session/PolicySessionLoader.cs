using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RobotPolicy.Bundle;
using RobotPolicy.Exporter.Onnx;

namespace RobotPolicy.Runtime.Session;

/// <summary>
/// Opens a bundle in ONNX Runtime and checks it before anything runs: the file, the provider, the metadata, and
/// that the graph's input and output agree with the metadata, and that the model is the one its weights hash
/// describes (ONNX Runtime loads the very bytes that were hashed). Every failure is one sentence naming what is wrong.
/// </summary>
internal static class PolicySessionLoader
{
    public static T Open<T>(string path, PolicySessionOptions options,
        Func<LoadedBundle, InferenceSession, SessionOptions, ProviderChoice, T> create)
    {
        if (!File.Exists(path))
        {
            throw new PolicySessionException(Directory.Exists(path)
                ? $"{path} is a directory; give the policy bundle (.onnx) in it"
                : $"{path}: policy bundle not found");
        }
        string requested = ExecutionProviders.Normalize(options.Provider);
        string? fallback = options.Fallback is null ? null : ExecutionProviders.Normalize(options.Fallback);
        if (options.CudaGraph && requested != ExecutionProviders.Cuda)
        {
            throw new PolicySessionException($"--cuda-graph needs --provider {ExecutionProviders.Cuda} (not {requested})");
        }

        byte[] bytes = ReadBundle(path);
        var (sessionOptions, provider) = CreateSessionOptions(requested, fallback, options, reason: null);
        InferenceSession session;
        try
        {
            session = new InferenceSession(bytes, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            sessionOptions.Dispose();
            // A bundle edited outside the toolkit may be what ONNX Runtime cannot load: say that first.
            if (WasModified(path, bytes))
            {
                throw new PolicySessionException(
                    $"{path}: ONNX Runtime cannot load this file ({FirstLine(e.Message)}); it was modified after export (its weights hash does not match): re-export it", e);
            }
            if (provider.CudaGraph)
            {
                throw new PolicySessionException($"{path}: ONNX Runtime cannot run this bundle as a CUDA graph: {FirstLine(e.Message)}; run it without --cuda-graph", e);
            }
            throw new PolicySessionException($"{path}: ONNX Runtime cannot load this file (truncated or not an ONNX model?): {FirstLine(e.Message)}", e);
        }
        try
        {
            var metadata = ReadMetadata(path, session);
            string? integrityNote = CheckIntegrity(path, bytes, metadata, options.AllowModifiedBundle);
            CheckSignature(path, session, metadata);
            return create(new LoadedBundle(metadata, integrityNote), session, sessionOptions, provider);
        }
        catch
        {
            session.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    private static (SessionOptions, ProviderChoice) CreateSessionOptions(string requested, string? fallback, PolicySessionOptions o, string? reason)
    {
        var available = ExecutionProviders.Available();
        string provider = requested;
        if (!available.Contains(requested))
        {
            string missing = $"execution provider '{requested}' is not available in this ONNX Runtime build (available: {string.Join(", ", available)})";
            if (fallback is null || !available.Contains(fallback))
            {
                throw new PolicySessionException(missing +
                    (fallback is null
                        ? $"; build with {ExecutionProviders.GpuBuildProperty} for CUDA and TensorRT, or pass --fallback {ExecutionProviders.Cpu} to run on the CPU instead"
                        : $"; fallback '{fallback}' is not available either"));
            }
            provider = fallback;
            reason = missing;
        }

        var so = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, o.IntraOpThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", o.AllowSpinning ? "1" : "0");
        so.AddSessionConfigEntry("session.inter_op.allow_spinning", o.AllowSpinning ? "1" : "0");
        bool cudaGraph = o.CudaGraph && provider == ExecutionProviders.Cuda;
        try
        {
            if (provider != ExecutionProviders.Cpu)
            {
                GpuProviders.Append(so, provider, new GpuProviderSettings(o.DeviceId, cudaGraph));
            }
        }
        catch (Exception e) when (ExecutionProviders.IsStartFailure(e) && fallback is not null && provider != fallback)
        {
            // The provider library is there but cannot start here (no GPU, missing CUDA libraries): fall back as asked.
            so.Dispose();
            return CreateSessionOptions(fallback, null, o, $"execution provider '{provider}' failed to start: {ProviderErrorText.Simplify(e.Message)}");
        }
        catch (Exception e) when (ExecutionProviders.IsStartFailure(e))
        {
            so.Dispose();
            throw new PolicySessionException($"execution provider '{provider}' failed to start: {ProviderErrorText.Simplify(e.Message)}; " +
                $"install what it names (the NVIDIA driver, CUDA 13, cuDNN 9{(provider == ExecutionProviders.TensorRt ? ", TensorRT 10" : "")}) " +
                $"or pass --fallback {ExecutionProviders.Cpu}", e);
        }
        return (so, new ProviderChoice(provider, reason, o.DeviceId, cudaGraph));
    }

    private static byte[] ReadBundle(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicySessionException($"{path}: cannot read the policy bundle: {e.Message}", e);
        }
    }

    /// <summary>Refuses a bundle whose model does not match its weights hash unless allowed; returns what to warn about, if anything.</summary>
    private static string? CheckIntegrity(string path, byte[] bytes, PolicyMetadata metadata, bool allowModified)
    {
        BundleHashCheck check;
        try
        {
            check = BundleIntegrity.Check(bytes, metadata, path);
        }
        catch (BundleFormatException e)
        {
            throw new PolicySessionException(e.Message, e);
        }
        if (!check.Matches)
        {
            return allowModified
                ? check.Mismatch(path) + "; running it anyway (--allow-modified-bundle)"
                : throw new PolicySessionException(check.MismatchMessage(path));
        }
        return check.IsLegacy ? check.LegacyNote(path) : null;
    }

    /// <summary>True when the file parses as a bundle whose weights hash does not match its model.</summary>
    private static bool WasModified(string path, byte[] bytes)
    {
        try
        {
            return !BundleFile.Parse(bytes, path).Hash.Matches;
        }
        catch (BundleFormatException)
        {
            return false;
        }
    }

    private static PolicyMetadata ReadMetadata(string path, InferenceSession session)
    {
        var map = session.ModelMetadata.CustomMetadataMap;
        if (!map.TryGetValue(PolicyMetadata.MetadataKey, out string? json))
        {
            throw new PolicySessionException(
                $"{path}: no '{PolicyMetadata.MetadataKey}' metadata; this ONNX file is not a policy bundle (export it with `robotpolicy export`)");
        }
        return PolicyMetadataJson.Parse(json, path);
    }

    private static void CheckSignature(string path, InferenceSession session, PolicyMetadata metadata)
    {
        CheckTensor(path, "input", session.InputMetadata, PolicyMetadata.ObservationInputName, metadata.Observation.InputDim,
            "the observation terms' dim x history");
        CheckTensor(path, "output", session.OutputMetadata, PolicyMetadata.ActionOutputName, metadata.Action.Names.Count,
            "the number of action names");
    }

    private static void CheckTensor(string path, string kind, IReadOnlyDictionary<string, NodeMetadata> io, string name, int width, string widthSource)
    {
        if (io.Count != 1 || !io.TryGetValue(name, out var meta))
        {
            throw new PolicySessionException(
                $"{path}: graph {kind}s are [{string.Join(", ", io.Keys)}]; a policy bundle has exactly one {kind} named '{name}'");
        }
        if (meta.ElementDataType != TensorElementType.Float)
        {
            throw new PolicySessionException($"{path}: graph {kind} '{name}' is {meta.ElementDataType}; expected float32");
        }
        var dims = meta.Dimensions;
        if (dims.Length != 2)
        {
            throw new PolicySessionException($"{path}: graph {kind} '{name}' has rank {dims.Length}; expected [batch, {width}]");
        }
        if (dims[1] != width)
        {
            throw new PolicySessionException(
                $"{path}: graph {kind} '{name}' has width {dims[1]} but the metadata says {width} ({widthSource})");
        }
    }

    private static string FirstLine(string message) => ExecutionProviders.FirstLine(message);
}

/// <summary>What the loader read from a bundle besides the ONNX Runtime session.</summary>
internal sealed record LoadedBundle(PolicyMetadata Metadata, string? IntegrityWarning);
