namespace RobotPolicy.Trainer.Engine;

/// <summary>
/// Gradient stopping and scaling as first-class ops. The alignment method masks the RL gradient where it would
/// flow into the encoders: <c>z.scale_grad(0)</c> stops it, <c>z.scale_grad(0.1)</c> scales it down, and the
/// forward value is unchanged either way.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>Identity in the forward pass; multiplies the gradient flowing back through it by <paramref name="factor"/>.</summary>
    public Tensor scale_grad(float factor)
    {
        if (factor == 0f)
        {
            return detach();
        }
        return Result(Data, Shape, "scale_grad", [this], _ => g =>
        {
            var t = GradTarget();
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(g, factor, t, t);
        });
    }
}
