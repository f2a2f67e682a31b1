using Microsoft.ML.OnnxRuntime;
using RobotPolicy.Bundle;

namespace RobotPolicy.Runtime.Session;

/// <summary>
/// A loaded policy bundle ready to step at control rate. Input and output live in pinned buffers bound to the
/// ONNX Runtime session once, so <see cref="Step"/> copies the observation in, runs, and copies the actions out
/// without allocating. One instance per control loop: it is not thread-safe.
/// </summary>
public sealed class PolicySession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions;
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly float[] _inputBuffer;
    private readonly float[] _outputBuffer;
    private readonly ObservationHistory _history;
    // Set in CUDA graph mode: the bound tensors live in GPU memory and each run copies through them.
    private readonly CudaGraphIo? _device;
    private bool _disposed;

    private PolicySession(string path, LoadedBundle bundle, InferenceSession session, SessionOptions sessionOptions, ProviderChoice provider)
    {
        var metadata = bundle.Metadata;
        Path = path;
        Metadata = metadata;
        IntegrityWarning = bundle.IntegrityWarning;
        Provider = provider.Provider;
        FallbackReason = provider.FallbackReason;
        _session = session;
        _sessionOptions = sessionOptions;
        _history = new ObservationHistory(metadata.Observation);
        // Pinned for the session's life: ONNX Runtime reads and writes these addresses on every run.
        _inputBuffer = GC.AllocateArray<float>(metadata.Observation.InputDim, pinned: true);
        _outputBuffer = GC.AllocateArray<float>(metadata.Action.Names.Count, pinned: true);
        _input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _inputBuffer.AsMemory(), [1, _inputBuffer.Length]);
        _output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _outputBuffer.AsMemory(), [1, _outputBuffer.Length]);
        _runOptions = new RunOptions();
        _binding = _session.CreateIoBinding();
        if (provider.CudaGraph)
        {
            _device = new CudaGraphIo(session, provider.DeviceId, _inputBuffer.Length, _outputBuffer.Length);
            _binding.BindInput(PolicyMetadata.ObservationInputName, _device.Input);
            _binding.BindOutput(PolicyMetadata.ActionOutputName, _device.Output);
        }
        else
        {
            _binding.BindInput(PolicyMetadata.ObservationInputName, _input);
            _binding.BindOutput(PolicyMetadata.ActionOutputName, _output);
        }
    }

    public string Path { get; }

    public PolicyMetadata Metadata { get; }

    /// <summary>The execution provider actually in use (after any fallback).</summary>
    public string Provider { get; }

    /// <summary>True when CUDA runs the policy as a captured CUDA graph (inputs and outputs bound in GPU memory).</summary>
    public bool CudaGraph => _device is not null;

    /// <summary>Why the requested provider was replaced by the fallback; null when it was not.</summary>
    public string? FallbackReason { get; }

    /// <summary>
    /// Set when the bundle loaded but its weights hash says something the user should know: it was modified and
    /// <see cref="PolicySessionOptions.AllowModifiedBundle"/> let it run, or it is a schema 1 bundle with the older,
    /// partial hash. Null for a bundle exported by this toolkit and left as it was.
    /// </summary>
    public string? IntegrityWarning { get; }

    /// <summary>Values in one observation frame (what the robot sends each cycle).</summary>
    public int FrameDim => _history.FrameDim;

    /// <summary>Values in the stacked graph input.</summary>
    public int InputDim => _inputBuffer.Length;

    public int ActionDim => _outputBuffer.Length;

    public static PolicySession Open(string path, PolicySessionOptions? options = null) =>
        PolicySessionLoader.Open(path, options ?? new PolicySessionOptions(),
            (bundle, session, sessionOptions, provider) => new PolicySession(path, bundle, session, sessionOptions, provider));

    /// <summary>Start a new episode: the history is refilled from the next frame as the metadata says.</summary>
    public void Reset() => _history.Reset();

    /// <summary>
    /// One control step: push the current frame into the history, stack it as the bundle's metadata lays it out,
    /// run the policy, and write the actions (already scaled, offset and clipped by the graph).
    /// </summary>
    public void Step(ReadOnlySpan<float> frame, Span<float> actions)
    {
        CheckLength("observation frame", frame.Length, FrameDim);
        CheckLength("action buffer", actions.Length, ActionDim);
        _history.Push(frame);
        _history.WriteStacked(_inputBuffer);
        RunBound();
        _outputBuffer.CopyTo(actions);
    }

    /// <summary>One step on an observation that is already stacked (history handled by the caller).</summary>
    public void StepStacked(ReadOnlySpan<float> stackedObservation, Span<float> actions)
    {
        CheckLength("stacked observation", stackedObservation.Length, InputDim);
        CheckLength("action buffer", actions.Length, ActionDim);
        stackedObservation.CopyTo(_inputBuffer);
        RunBound();
        _outputBuffer.CopyTo(actions);
    }

    /// <summary>Only the ONNX Runtime call on the bound buffers: the floor `bench infer` compares Step against.</summary>
    public void RunBound()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _device?.Upload(_inputBuffer);
        _session.RunWithBinding(_runOptions, _binding);
        _device?.Download(_outputBuffer);
    }

    /// <summary>The ONNX Runtime session itself, for benchmarks that bind batches of their own.</summary>
    internal InferenceSession OrtSession => _session;

    /// <summary>The bound input buffer, for benchmarks that measure <see cref="RunBound"/> on a given observation.</summary>
    internal Span<float> BoundInput => _inputBuffer;

    private void CheckLength(string what, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new PolicySessionException($"{Path}: {what} has {actual} values but the policy expects {expected}");
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _binding.Dispose();
        _device?.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _sessionOptions.Dispose();
    }
}
