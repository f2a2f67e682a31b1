namespace RobotPolicy.Trainer.Engine;

/// <summary>Reshaping, transposing, slicing, concatenating and gathering.</summary>
public sealed partial class Tensor
{
    /// <summary>Same values in a new shape (one dimension may be -1). Shares storage with this tensor.</summary>
    public Tensor reshape(params long[] newShape)
    {
        var shape = newShape.Select(d => (int)d).ToArray();
        int unknown = Array.IndexOf(shape, -1);
        if (unknown >= 0)
        {
            int known = shape.Where((d, i) => i != unknown).Aggregate(1, (a, d) => a * d);
            shape[unknown] = known == 0 ? 0 : Data.Length / known;
        }
        if (ShapeMath.Numel(shape) != Data.Length)
        {
            throw new ArgumentException($"cannot reshape {ShapeText} ({Data.Length} values) to [{string.Join(", ", newShape)}]");
        }
        return Result(Data, shape, "reshape", [this], _ => g => AccumulateGrad(g));
    }

    public Tensor view(params long[] newShape) => reshape(newShape);

    public Tensor flatten() => reshape(-1);

    public Tensor unsqueeze(int dim)
    {
        int axis = dim < 0 ? dim + Shape.Length + 1 : dim;
        var shape = Shape.ToList();
        shape.Insert(axis, 1);
        return reshape(shape.Select(d => (long)d).ToArray());
    }

    public Tensor squeeze(int dim)
    {
        int axis = ShapeMath.Axis(dim, Shape.Length);
        if (Shape[axis] != 1)
        {
            throw new ArgumentException($"squeeze({dim}): dimension has size {Shape[axis]}, not 1");
        }
        return reshape(Shape.Where((_, i) => i != axis).Select(d => (long)d).ToArray());
    }

    /// <summary>Transpose of a 2-D tensor (copies).</summary>
    public Tensor t()
    {
        if (Shape.Length != 2)
        {
            throw new ArgumentException($"t() needs a 2-D tensor, got {ShapeText}");
        }
        int r = Shape[0], c = Shape[1];
        var output = new float[Data.Length];
        Transpose(Data, output, r, c);
        return Result(output, [c, r], "t", [this], _ => g =>
        {
            var back = new float[g.Length];
            Transpose(g, back, c, r);
            AccumulateGrad(back);
        });
    }

    private static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                dst[j * rows + i] = src[i * cols + j];
            }
        }
    }

    /// <summary>The slice [start, start + length) along a dimension (copies).</summary>
    public Tensor narrow(int dim, long start, long length)
    {
        int axis = ShapeMath.Axis(dim, Shape.Length);
        if (start < 0 || length < 0 || start + length > Shape[axis])
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"narrow({dim}, {start}, {length}) is outside dimension of size {Shape[axis]}");
        }
        int outer = Shape.Take(axis).Aggregate(1, (a, d) => a * d);
        int inner = Shape.Skip(axis + 1).Aggregate(1, (a, d) => a * d);
        int n = Shape[axis], s = (int)start, len = (int)length;
        var outShape = (int[])Shape.Clone();
        outShape[axis] = len;
        var output = new float[outer * len * inner];
        for (int o = 0; o < outer; o++)
        {
            Data.AsSpan((o * n + s) * inner, len * inner).CopyTo(output.AsSpan(o * len * inner));
        }
        return Result(output, outShape, "narrow", [this], _ => g =>
        {
            var target = GradTarget();
            for (int o = 0; o < outer; o++)
            {
                var dst = target.AsSpan((o * n + s) * inner, len * inner);
                System.Numerics.Tensors.TensorPrimitives.Add(dst, g.AsSpan(o * len * inner, len * inner), dst);
            }
        });
    }

    /// <summary>Concatenates tensors along a dimension; all other dimensions must agree.</summary>
    public static Tensor cat(IReadOnlyList<Tensor> tensors, int dim)
    {
        if (tensors.Count == 0)
        {
            throw new ArgumentException("cat needs at least one tensor");
        }
        var first = tensors[0];
        int axis = ShapeMath.Axis(dim, first.Shape.Length);
        foreach (var t in tensors)
        {
            if (t.Shape.Length != first.Shape.Length || t.Shape.Where((d, i) => i != axis && d != first.Shape[i]).Any())
            {
                throw new ArgumentException($"cat along dim {dim}: shapes {first.ShapeText} and {t.ShapeText} differ outside that dimension");
            }
        }
        int outer = first.Shape.Take(axis).Aggregate(1, (a, d) => a * d);
        int inner = first.Shape.Skip(axis + 1).Aggregate(1, (a, d) => a * d);
        int total = tensors.Sum(t => t.Shape[axis]);
        var outShape = (int[])first.Shape.Clone();
        outShape[axis] = total;
        var output = new float[outer * total * inner];
        int offset = 0;
        var offsets = new int[tensors.Count];
        for (int k = 0; k < tensors.Count; k++)
        {
            offsets[k] = offset;
            int n = tensors[k].Shape[axis];
            for (int o = 0; o < outer; o++)
            {
                tensors[k].Data.AsSpan(o * n * inner, n * inner).CopyTo(output.AsSpan((o * total + offset) * inner));
            }
            offset += n;
        }
        return Result(output, outShape, "cat", tensors.ToArray(), _ => g =>
        {
            for (int k = 0; k < tensors.Count; k++)
            {
                var t = tensors[k];
                if (!t.requires_grad)
                {
                    continue;
                }
                int n = t.Shape[axis];
                var target = t.GradTarget();
                for (int o = 0; o < outer; o++)
                {
                    var dst = target.AsSpan(o * n * inner, n * inner);
                    System.Numerics.Tensors.TensorPrimitives.Add(dst, g.AsSpan((o * total + offsets[k]) * inner, n * inner), dst);
                }
            }
        });
    }

    /// <summary>
    /// out[i, j] = this[i, index[i, j]] for a 2-D tensor and dim 1 (or -1): picks per row, as torch.gather does.
    /// <paramref name="index"/> is row-major [rows, k].
    /// </summary>
    public Tensor gather(int dim, int[] index)
    {
        if (Shape.Length != 2 || ShapeMath.Axis(dim, 2) != 1)
        {
            throw new NotSupportedException($"gather is implemented for 2-D tensors along dim 1; got {ShapeText}, dim {dim}");
        }
        int rows = Shape[0], cols = Shape[1];
        if (index.Length % rows != 0)
        {
            throw new ArgumentException($"gather: {index.Length} indices do not split into {rows} rows");
        }
        int k = index.Length / rows;
        var output = new float[index.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < k; j++)
            {
                int c = index[i * k + j];
                if ((uint)c >= (uint)cols)
                {
                    throw new ArgumentOutOfRangeException(nameof(index), $"gather: index {c} is out of range for dimension of size {cols}");
                }
                output[i * k + j] = Data[i * cols + c];
            }
        }
        return Result(output, [rows, k], "gather", [this], _ => g =>
        {
            var t = GradTarget();
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    t[i * cols + index[i * k + j]] += g[i * k + j];
                }
            }
        });
    }
}
