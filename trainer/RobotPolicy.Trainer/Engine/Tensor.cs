using System.Globalization;

namespace RobotPolicy.Trainer.Engine;

/// <summary>
/// A dense, row-major float32 tensor that records the operations producing it, so that <see cref="backward"/> can
/// push gradients back to the leaves that asked for them. Names follow TorchSharp (lower case, as in PyTorch) so
/// that porting the trainer to TorchSharp later is mechanical.
/// Tensors are immutable once created by an op, except through the explicitly in-place helpers the optimizers use.
/// </summary>
public sealed partial class Tensor
{
    internal readonly float[] Data;
    internal readonly int[] Shape;

    // Gradient accumulated during backward: kept on leaves (exposed as .grad), dropped from intermediates after use.
    internal float[]? GradBuffer;

    // How this tensor was made, when it needs a gradient and was made under grad mode; null for leaves.
    internal GradNode? Node;

    internal Tensor(float[] data, int[] shape, bool requiresGrad = false)
    {
        if (data.Length != ShapeMath.Numel(shape))
        {
            throw new ArgumentException($"tensor data has {data.Length} values but shape [{string.Join(", ", shape)}] needs {ShapeMath.Numel(shape)}");
        }
        Data = data;
        Shape = shape;
        requires_grad = requiresGrad;
    }

    /// <summary>True when gradients flow to (leaf) or through (op result) this tensor.</summary>
    public bool requires_grad { get; set; }

    /// <summary>True for tensors not produced by a recorded op: parameters and inputs.</summary>
    public bool is_leaf => Node is null;

    /// <summary>The accumulated gradient of a leaf after <see cref="backward"/>; null before.</summary>
    public Tensor? grad => GradBuffer is null ? null : new Tensor(GradBuffer, (int[])Shape.Clone());

    public long[] shape => Shape.Select(d => (long)d).ToArray();

    public int dim() => Shape.Length;

    public long size(int dimension) => Shape[ShapeMath.Axis(dimension, Shape.Length)];

    public long numel() => Data.Length;

    /// <summary>The single value of a one-element tensor.</summary>
    public float item() => Data.Length == 1
        ? Data[0]
        : throw new InvalidOperationException($"item() needs a tensor with one element; this one has shape {ShapeText}");

    /// <summary>A copy of the values, row-major.</summary>
    public float[] ToArray() => (float[])Data.Clone();

    /// <summary>The values without copying (read-only view).</summary>
    public ReadOnlySpan<float> Span => Data;

    /// <summary>Same values, cut from the graph: no gradient flows through the result (a stop-gradient).</summary>
    public Tensor detach() => new(Data, Shape);

    /// <summary>Clears the leaf's gradient (optimizers call this through zero_grad).</summary>
    public void zero_grad() => GradBuffer = null;

    internal string ShapeText => "[" + string.Join(", ", Shape) + "]";

    public override string ToString()
    {
        var values = Data.Take(8).Select(v => v.ToString("G5", CultureInfo.InvariantCulture));
        return $"tensor{ShapeText}({string.Join(", ", values)}{(Data.Length > 8 ? ", ..." : "")})";
    }
}
