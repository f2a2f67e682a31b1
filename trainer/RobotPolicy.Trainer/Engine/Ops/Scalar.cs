using System.Numerics.Tensors;

namespace RobotPolicy.Trainer.Engine;

/// <summary>Ops with a constant scalar: cheaper than broadcasting a one-element tensor.</summary>
public sealed partial class Tensor
{
    public Tensor add(float s)
    {
        var output = new float[Data.Length];
        TensorPrimitives.Add(Data, s, output);
        return Result(output, Shape, "add_scalar", [this], _ => g => AccumulateGrad(g));
    }

    public Tensor mul(float s)
    {
        var output = new float[Data.Length];
        TensorPrimitives.Multiply(Data, s, output);
        return Result(output, Shape, "mul_scalar", [this], _ => g =>
        {
            var t = GradTarget();
            TensorPrimitives.MultiplyAdd(g, s, t, t);
        });
    }

    public Tensor neg() => mul(-1f);

    public Tensor reciprocal()
    {
        var output = new float[Data.Length];
        TensorPrimitives.Reciprocal(Data, output);
        return Result(output, Shape, "reciprocal", [this], r => g =>
        {
            // d(1/x) = -1/x^2 = -r^2
            var t = GradTarget();
            for (int i = 0; i < t.Length; i++)
            {
                t[i] -= g[i] * r.Data[i] * r.Data[i];
            }
        });
    }

    /// <summary>x^p for a constant exponent.</summary>
    public Tensor pow(float p)
    {
        var output = new float[Data.Length];
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = MathF.Pow(Data[i], p);
        }
        return Result(output, Shape, "pow", [this], _ => g =>
        {
            var t = GradTarget();
            for (int i = 0; i < t.Length; i++)
            {
                t[i] += g[i] * p * MathF.Pow(Data[i], p - 1);
            }
        });
    }

    public Tensor square()
    {
        var output = new float[Data.Length];
        TensorPrimitives.Multiply(Data, Data, output);
        return Result(output, Shape, "square", [this], _ => g =>
        {
            var t = GradTarget();
            for (int i = 0; i < t.Length; i++)
            {
                t[i] += 2f * g[i] * Data[i];
            }
        });
    }
}
