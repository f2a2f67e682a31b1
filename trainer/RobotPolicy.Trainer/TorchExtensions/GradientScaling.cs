using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.TorchExtensions;

/// <summary>
/// Gradient masking for the aligned method: identity forward, gradient multiplied by a factor backward. TorchSharp
/// has no such op, so it is the detach identity d + (x − d)·s with d = x.detach(): forward, x − d is exactly 0 and
/// the value is exactly x; backward, the only path to x is through (x − d)·s, so the gradient is exactly s·g.
/// </summary>
public static class GradientScaling
{
    public static Tensor scale_grad(this Tensor x, float factor)
    {
        if (factor == 1f)
        {
            return x;
        }
        var d = x.detach();
        return factor == 0f ? d : d.Plus((x - d) * Scalars.Keep(factor));
    }
}
