using RobotPolicy.Bundle;

namespace RobotPolicy.Exporter.Model;

/// <summary>
/// A feed-forward policy held in memory: normalization, layers and action post-processing, with the interface
/// (observation terms, actions, control) that goes into the bundle's metadata. The exporter writes it as ONNX,
/// the reference forward runs it in C#, and the bundle reader rebuilds it from a graph the exporter wrote.
/// </summary>
public sealed class MlpPolicy
{
    public required ObservationSpec Observation { get; init; }

    public required ActionSpec Action { get; init; }

    public required ControlSpec Control { get; init; }

    public Provenance Provenance { get; init; } = new();

    /// <summary>How the policy was trained, when the trainer recorded it.</summary>
    public TrainingRecord? Training { get; init; }

    public ObservationNormalizer? Normalizer { get; init; }

    public required IReadOnlyList<MlpLayer> Layers { get; init; }

    public int InputDim => Observation.InputDim;

    public int ActionDim => Action.Names.Count;

    /// <summary>The widest vector any stage produces, for sizing scratch buffers.</summary>
    public int MaxWidth => Math.Max(InputDim, Layers.OfType<LinearLayer>().Select(l => l.Out).DefaultIfEmpty(0).Max());
}

/// <summary>normalized = clip((obs - Mean) / Std, -Clip, Clip), one value per graph input element.</summary>
public sealed record ObservationNormalizer(float[] Mean, float[] Std, float? Clip);

public abstract record MlpLayer;

/// <summary>y = W x + b with W stored [Out, In], row-major (PyTorch's nn.Linear layout).</summary>
public sealed record LinearLayer(int In, int Out, float[] Weight, float[] Bias) : MlpLayer;

public enum ActivationKind
{
    Relu,
    Tanh,
    Elu,
    Silu,
}

public sealed record ActivationLayer(ActivationKind Kind, float Alpha = 1f) : MlpLayer;

/// <summary>LayerNorm over the last axis: (x - mean) / sqrt(var + Epsilon) * Scale + Bias.</summary>
public sealed record LayerNormLayer(int Dim, float[] Scale, float[] Bias, float Epsilon) : MlpLayer;

/// <summary>x / max(‖x‖₂, Epsilon) over the last axis (the trainer's Tensor.normalize; width unchanged).</summary>
public sealed record L2NormalizeLayer(float Epsilon) : MlpLayer;
