using System.Numerics.Tensors;
using RobotPolicy.Trainer.Engine.Ops;

namespace RobotPolicy.Trainer.Engine;

/// <summary>Matrix products: matmul of 2-D tensors, and the fused linear layer x·Wᵀ + b.</summary>
public sealed partial class Tensor
{
    /// <summary>[m, k] · [k, n] -> [m, n].</summary>
    public Tensor matmul(Tensor other)
    {
        if (Shape.Length != 2 || other.Shape.Length != 2 || Shape[1] != other.Shape[0])
        {
            throw new ArgumentException($"matmul: shapes {ShapeText} and {other.ShapeText} do not multiply (need [m, k] and [k, n])");
        }
        int m = Shape[0], k = Shape[1], n = other.Shape[1];
        var output = new float[m * n];
        Gemm.Run(Data, other.Data, output, m, k, n);
        return Result(output, [m, n], "matmul", [this, other], _ => g =>
        {
            if (requires_grad)
            {
                Gemm.Run(g, other.Data, GradTarget(), m, n, k, transposeB: true, accumulate: true);   // dA = dC · Bᵀ
            }
            if (other.requires_grad)
            {
                Gemm.Run(Data, g, other.GradTarget(), k, m, n, transposeA: true, accumulate: true);   // dB = Aᵀ · dC
            }
        });
    }

    /// <summary>x·Wᵀ + b for x [batch, in], W [out, in] (nn.Linear's layout), b [out] or null.</summary>
    public static Tensor linear(Tensor x, Tensor weight, Tensor? bias)
    {
        if (x.Shape.Length != 2 || weight.Shape.Length != 2 || x.Shape[1] != weight.Shape[1])
        {
            throw new ArgumentException($"linear: input {x.ShapeText} does not fit weight {weight.ShapeText} (need [batch, in] and [out, in])");
        }
        int batch = x.Shape[0], inDim = x.Shape[1], outDim = weight.Shape[0];
        if (bias is not null && bias.Data.Length != outDim)
        {
            throw new ArgumentException($"linear: bias {bias.ShapeText} does not match {outDim} outputs");
        }
        var output = new float[batch * outDim];
        Gemm.Run(x.Data, weight.Data, output, batch, inDim, outDim, transposeB: true);
        if (bias is not null)
        {
            for (int r = 0; r < batch; r++)
            {
                var row = output.AsSpan(r * outDim, outDim);
                TensorPrimitives.Add(row, bias.Data, row);
            }
        }
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Result(output, [batch, outDim], "linear", inputs, _ => g =>
        {
            if (x.requires_grad)
            {
                Gemm.Run(g, weight.Data, x.GradTarget(), batch, outDim, inDim, accumulate: true);                // dX = dY · W
            }
            if (weight.requires_grad)
            {
                Gemm.Run(g, x.Data, weight.GradTarget(), outDim, batch, inDim, transposeA: true, accumulate: true); // dW = dYᵀ · X
            }
            if (bias is not null && bias.requires_grad)
            {
                var gb = bias.GradTarget();
                for (int r = 0; r < batch; r++)
                {
                    TensorPrimitives.Add(gb, g.AsSpan(r * outDim, outDim), gb);
                }
            }
        });
    }
}
