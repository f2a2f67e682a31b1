using RobotPolicy.Bundle;

namespace RobotPolicy.Checkpoint.Model;

/// <summary>
/// model.json: describes a trained feed-forward policy whose tensors live in a safetensors file beside it.
/// The trainer writes it; the exporter turns it (and the weights) into a policy bundle.
/// </summary>
public sealed class ModelDescription
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>The safetensors file, relative to model.json's folder.</summary>
    public required string Weights { get; set; }

    public required ObservationSpec Observation { get; set; }

    public required ActionSpec Action { get; set; }

    public required ControlSpec Control { get; set; }

    public Provenance Provenance { get; set; } = new();

    /// <summary>How the policy was trained; carried into the bundle's metadata as it is. Optional.</summary>
    public TrainingRecord? Training { get; set; }

    /// <summary>Running observation statistics, applied inside the exported graph; null = inputs used as they are.</summary>
    public NormalizerSpec? Normalizer { get; set; }

    /// <summary>The network from stacked observation to raw action, in order.</summary>
    public required List<LayerSpec> Layers { get; set; }
}

/// <summary>normalized = clip((obs - mean) / std, -clip, clip); mean/std have one value per frame value or per input value.</summary>
public sealed class NormalizerSpec
{
    /// <summary>Tensor name of the mean in the weights file.</summary>
    public required string Mean { get; set; }

    /// <summary>Tensor name of the standard deviation (already including any epsilon) in the weights file.</summary>
    public required string Std { get; set; }

    /// <summary>Symmetric clip of the normalized value; null = no clip.</summary>
    public float? Clip { get; set; }
}

/// <summary>One layer. Linear weights are [out, in] (PyTorch's layout); LayerNorm weights are [dim].</summary>
public sealed class LayerSpec
{
    /// <summary>One of <see cref="LayerOps"/>.</summary>
    public required string Op { get; set; }

    /// <summary>Tensor name of the weight (linear, layer_norm).</summary>
    public string? Weight { get; set; }

    /// <summary>Tensor name of the bias (linear, layer_norm).</summary>
    public string? Bias { get; set; }

    /// <summary>ELU's alpha (default 1).</summary>
    public float? Alpha { get; set; }

    /// <summary>LayerNorm's epsilon (default 1e-5); l2_normalize's floor on the norm (default 1e-12).</summary>
    public float? Epsilon { get; set; }
}

public static class LayerOps
{
    public const string Linear = "linear";
    public const string Relu = "relu";
    public const string Tanh = "tanh";
    public const string Elu = "elu";
    public const string Silu = "silu";
    public const string LayerNorm = "layer_norm";

    /// <summary>x / max(‖x‖₂, epsilon) over the vector: the trainer's Tensor.normalize (an aligned student's embedding).</summary>
    public const string L2Normalize = "l2_normalize";

    /// <summary>L2-normalize's default epsilon, the trainer's (and torch.nn.functional.normalize's) default.</summary>
    public const float L2NormalizeDefaultEpsilon = 1e-12f;

    public static readonly string[] All = [Linear, Relu, Tanh, Elu, Silu, LayerNorm, L2Normalize];
}
