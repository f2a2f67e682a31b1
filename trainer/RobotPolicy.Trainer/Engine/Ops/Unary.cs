using System.Numerics.Tensors;

namespace RobotPolicy.Trainer.Engine;

/// <summary>Elementwise functions and activations. Each backward uses whichever of input or output is cheaper.</summary>
public sealed partial class Tensor
{
    private delegate void UnaryForward(ReadOnlySpan<float> x, Span<float> y);

    // dy/dx from (x, y) for one element.
    private delegate float Derivative(float x, float y);

    private Tensor Unary(string op, UnaryForward forward, Derivative derivative)
    {
        var output = new float[Data.Length];
        forward(Data, output);
        return Result(output, Shape, op, [this], r => g =>
        {
            var t = GradTarget();
            var x = Data;
            var y = r.Data;
            for (int i = 0; i < t.Length; i++)
            {
                t[i] += g[i] * derivative(x[i], y[i]);
            }
        });
    }

    public Tensor exp() => Unary("exp", TensorPrimitives.Exp, (_, y) => y);

    public Tensor log() => Unary("log", TensorPrimitives.Log, (x, _) => 1f / x);

    public Tensor sqrt() => Unary("sqrt", TensorPrimitives.Sqrt, (_, y) => 0.5f / y);

    public Tensor abs() => Unary("abs", TensorPrimitives.Abs, (x, _) => x > 0 ? 1f : x < 0 ? -1f : 0f);

    public Tensor tanh() => Unary("tanh", TensorPrimitives.Tanh, (_, y) => 1f - y * y);

    public Tensor sigmoid() => Unary("sigmoid", TensorPrimitives.Sigmoid, (_, y) => y * (1f - y));

    public Tensor relu() => Unary("relu", (x, y) => TensorPrimitives.Max(x, 0f, y), (x, _) => x > 0 ? 1f : 0f);

    public Tensor elu(float alpha = 1f) => Unary("elu",
        (x, y) =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = x[i] > 0 ? x[i] : alpha * (MathF.Exp(x[i]) - 1f);
            }
        },
        (x, y) => x > 0 ? 1f : y + alpha);

    /// <summary>x * sigmoid(x) (a.k.a. swish).</summary>
    public Tensor silu() => Unary("silu",
        (x, y) =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = x[i] / (1f + MathF.Exp(-x[i]));
            }
        },
        (x, _) =>
        {
            float s = 1f / (1f + MathF.Exp(-x));
            return s * (1f + x * (1f - s));
        });

    /// <summary>Clips to [min, max]; the gradient passes only where the value was inside (as PyTorch does at the bounds).</summary>
    public Tensor clamp(float? min = null, float? max = null)
    {
        float lo = min ?? float.NegativeInfinity, hi = max ?? float.PositiveInfinity;
        return Unary("clamp",
            (x, y) =>
            {
                TensorPrimitives.Max(x, lo, y);
                TensorPrimitives.Min(y, hi, y);
            },
            (x, _) => x >= lo && x <= hi ? 1f : 0f);
    }
}
