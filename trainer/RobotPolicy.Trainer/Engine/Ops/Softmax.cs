using System.Numerics.Tensors;

namespace RobotPolicy.Trainer.Engine;

/// <summary>softmax and log_softmax along the last dimension, computed stably (max subtracted).</summary>
public sealed partial class Tensor
{
    public Tensor softmax(int dim)
    {
        int n = LastDim(dim, "softmax");
        var output = new float[Data.Length];
        for (int r = 0; r < Data.Length; r += n)
        {
            var x = Data.AsSpan(r, n);
            var y = output.AsSpan(r, n);
            TensorPrimitives.Subtract(x, TensorPrimitives.Max(x), y);
            TensorPrimitives.Exp(y, y);
            TensorPrimitives.Divide(y, TensorPrimitives.Sum(y), y);
        }
        return Result(output, Shape, "softmax", [this], r => g =>
        {
            // dx = y * (g - sum(g * y))
            var t = GradTarget();
            for (int o = 0; o < t.Length; o += n)
            {
                var y = r.Data.AsSpan(o, n);
                var go = g.AsSpan(o, n);
                float dot = TensorPrimitives.Dot(go, y);
                for (int i = 0; i < n; i++)
                {
                    t[o + i] += y[i] * (go[i] - dot);
                }
            }
        });
    }

    public Tensor log_softmax(int dim)
    {
        int n = LastDim(dim, "log_softmax");
        var output = new float[Data.Length];
        for (int r = 0; r < Data.Length; r += n)
        {
            var x = Data.AsSpan(r, n);
            var y = output.AsSpan(r, n);
            float max = TensorPrimitives.Max(x);
            TensorPrimitives.Subtract(x, max, y);
            TensorPrimitives.Exp(y, y);
            float logSum = MathF.Log(TensorPrimitives.Sum(y)) + max;
            TensorPrimitives.Subtract(x, logSum, y);
        }
        return Result(output, Shape, "log_softmax", [this], r => g =>
        {
            // dx = g - softmax * sum(g)
            var t = GradTarget();
            for (int o = 0; o < t.Length; o += n)
            {
                var go = g.AsSpan(o, n);
                float sum = TensorPrimitives.Sum(go);
                for (int i = 0; i < n; i++)
                {
                    t[o + i] += go[i] - MathF.Exp(r.Data[o + i]) * sum;
                }
            }
        });
    }

    private int LastDim(int dim, string op)
    {
        if (Shape.Length == 0 || ShapeMath.Axis(dim, Shape.Length) != Shape.Length - 1)
        {
            throw new NotSupportedException($"{op} is implemented along the last dimension; got dim {dim} for {ShapeText}");
        }
        return Shape[^1];
    }
}
