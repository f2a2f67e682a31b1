using System.Numerics.Tensors;

namespace RobotPolicy.Trainer.Engine;

/// <summary>Sums, means and extrema, over everything or along one dimension.</summary>
public sealed partial class Tensor
{
    public Tensor sum()
    {
        float total = TensorPrimitives.Sum(Data);
        return Result([total], [], "sum", [this], _ => g =>
        {
            var t = GradTarget();
            TensorPrimitives.Add(t, g[0], t);
        });
    }

    public Tensor mean() => sum().mul(1f / Math.Max(1, Data.Length));

    public Tensor sum(int dim, bool keepdim = false)
    {
        var (outer, n, inner, outShape) = Split(dim, keepdim);
        var output = new float[outer * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < n; j++)
            {
                var row = Data.AsSpan((o * n + j) * inner, inner);
                var dst = output.AsSpan(o * inner, inner);
                TensorPrimitives.Add(dst, row, dst);
            }
        }
        return Result(output, outShape, "sum_dim", [this], _ => g =>
        {
            var t = GradTarget();
            for (int o = 0; o < outer; o++)
            {
                var src = g.AsSpan(o * inner, inner);
                for (int j = 0; j < n; j++)
                {
                    var dst = t.AsSpan((o * n + j) * inner, inner);
                    TensorPrimitives.Add(dst, src, dst);
                }
            }
        });
    }

    public Tensor mean(int dim, bool keepdim = false) => sum(dim, keepdim).mul(1f / Shape[ShapeMath.Axis(dim, Shape.Length)]);

    /// <summary>Largest value along a dimension; the gradient goes to the first position holding it.</summary>
    public Tensor max(int dim, bool keepdim = false) => Extreme(dim, keepdim, "max", (a, b) => a > b);

    /// <summary>Smallest value along a dimension; the gradient goes to the first position holding it.</summary>
    public Tensor min(int dim, bool keepdim = false) => Extreme(dim, keepdim, "min", (a, b) => a < b);

    /// <summary>Position of the largest value along a dimension (first one on ties).</summary>
    public int[] argmax(int dim)
    {
        var (outer, n, inner, _) = Split(dim, keepdim: false);
        var index = new int[outer * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                for (int j = 1; j < n; j++)
                {
                    if (Data[(o * n + j) * inner + i] > Data[(o * n + best) * inner + i])
                    {
                        best = j;
                    }
                }
                index[o * inner + i] = best;
            }
        }
        return index;
    }

    private Tensor Extreme(int dim, bool keepdim, string op, Func<float, float, bool> better)
    {
        var (outer, n, inner, outShape) = Split(dim, keepdim);
        var output = new float[outer * inner];
        var where = new int[outer * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                for (int j = 1; j < n; j++)
                {
                    if (better(Data[(o * n + j) * inner + i], Data[(o * n + best) * inner + i]))
                    {
                        best = j;
                    }
                }
                where[o * inner + i] = (o * n + best) * inner + i;
                output[o * inner + i] = Data[where[o * inner + i]];
            }
        }
        return Result(output, outShape, op, [this], _ => g =>
        {
            var t = GradTarget();
            for (int k = 0; k < where.Length; k++)
            {
                t[where[k]] += g[k];
            }
        });
    }

    // Views the tensor as [outer, n, inner] around the reduced dimension.
    private (int Outer, int N, int Inner, int[] OutShape) Split(int dim, bool keepdim)
    {
        int axis = ShapeMath.Axis(dim, Shape.Length);
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= Shape[i];
        for (int i = axis + 1; i < Shape.Length; i++) inner *= Shape[i];
        var outShape = keepdim
            ? Shape.Select((d, i) => i == axis ? 1 : d).ToArray()
            : Shape.Where((_, i) => i != axis).ToArray();
        return (outer, Shape[axis], inner, outShape);
    }
}
