using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RobotPolicy.Bundle;

namespace RobotPolicy.Runtime.Session;

/// <summary>
/// Opens a bundle in ONNX Runtime and checks it before anything runs: the file, the provider, the metadata, and
/// that the graph's input and output agree with the metadata. Every failure is one sentence naming what is wrong.
/// </summary>
internal static class PolicySessionLoader
{
    public static T Open<T>(string path, PolicySessionOptions options,
        Func<PolicyMetadata, InferenceSession, SessionOptions, ProviderChoice, T> create)
    {
        if (!File.Exists(path))
        {
            throw new PolicySessionException($"{path}: policy bundle not found");
        }
        string requested = ExecutionProviders.Normalize(options.Provider);
        string? fallback = options.Fallback is null ? null : ExecutionProviders.Normalize(options.Fallback);

        var (sessionOptions, provider) = CreateSessionOptions(requested, fallback, options, reason: null);
        InferenceSession session;
        try
        {
            session = new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            sessionOptions.Dispose();
            throw new PolicySessionException($"{path}: ONNX Runtime cannot load this file (truncated or not an ONNX model?): {FirstLine(e.Message)}", e);
        }
        try
        {
            var metadata = ReadMetadata(path, session);
            CheckSignature(path, session, metadata);
            return create(metadata, session, sessionOptions, provider);
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
        var available = ExecutionProviders.Available(o.ProviderLibraryDirectory);
        string provider = requested;
        if (!available.Contains(requested))
        {
            string missing = $"execution provider '{requested}' is not available in this ONNX Runtime build (available: {string.Join(", ", available)})";
            if (fallback is null || !available.Contains(fallback))
            {
                throw new PolicySessionException(missing +
                    (fallback is null ? $"; pass --fallback {ExecutionProviders.Cpu} to run on the CPU instead" : $"; fallback '{fallback}' is not available either"));
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
        try
        {
            if (provider != ExecutionProviders.Cpu)
            {
                GpuProviders.Append(so, provider, o.DeviceId, o.ProviderLibraryDirectory);
            }
        }
        catch (Exception e) when (IsProviderStartFailure(e) && fallback is not null && provider != fallback)
        {
            // The provider library is there but cannot start here (no GPU, missing CUDA libraries): fall back as asked.
            so.Dispose();
            return CreateSessionOptions(fallback, null, o, $"execution provider '{provider}' failed to start: {FirstLine(e.Message)}");
        }
        catch (Exception e) when (IsProviderStartFailure(e))
        {
            so.Dispose();
            throw new PolicySessionException($"execution provider '{provider}' failed to start: {FirstLine(e.Message)}", e);
        }
        return (so, new ProviderChoice(provider, reason));
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

    // ORT reports a provider that cannot start as its own exception; a binding/library mismatch surfaces as a
    // missing entry point or library instead.
    private static bool IsProviderStartFailure(Exception e) =>
        e is OnnxRuntimeException or ProviderStartException or EntryPointNotFoundException or DllNotFoundException;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
