using System.Numerics.Tensors;

namespace RobotPolicy.Trainer.Engine.Ops;

/// <summary>
/// How two shapes meet in an elementwise op. The common cases (same shape, a scalar, a row vector repeated over
/// rows) run as straight SIMD loops; anything else goes through an index map.
/// </summary>
internal sealed class Broadcasting
{
    public enum Kind
    {
        Same,
        ScalarA,
        ScalarB,
        RowsB,
        RowsA,
        General,
    }

    private Broadcasting(Kind kind, int[] outShape, int[] aShape, int[] bShape)
    {
        How = kind;
        OutShape = outShape;
        AShape = aShape;
        BShape = bShape;
    }

    public Kind How { get; }
    public int[] OutShape { get; }
    public int[] AShape { get; }
    public int[] BShape { get; }
    private int[]? _aIndex;
    private int[]? _bIndex;

    public int[] AIndex => _aIndex ??= ShapeMath.BroadcastIndex(AShape, OutShape);
    public int[] BIndex => _bIndex ??= ShapeMath.BroadcastIndex(BShape, OutShape);

    public static Broadcasting Plan(int[] a, int[] b, string op)
    {
        if (ShapeMath.SameShape(a, b))
        {
            return new(Kind.Same, a, a, b);
        }
        int[] outShape = ShapeMath.Broadcast(a, b, op);
        int na = ShapeMath.Numel(a), nb = ShapeMath.Numel(b), nOut = ShapeMath.Numel(outShape);
        if (nb == 1 && na == nOut)
        {
            return new(Kind.ScalarB, outShape, a, b);
        }
        if (na == 1 && nb == nOut)
        {
            return new(Kind.ScalarA, outShape, a, b);
        }
        if (na == nOut && IsTrailingRow(b, outShape))
        {
            return new(Kind.RowsB, outShape, a, b);
        }
        if (nb == nOut && IsTrailingRow(a, outShape))
        {
            return new(Kind.RowsA, outShape, a, b);
        }
        return new(Kind.General, outShape, a, b);
    }

    // A shape whose only non-1 dimensions are the trailing dimensions of the output: it repeats as whole rows.
    private static bool IsTrailingRow(int[] small, int[] outShape)
    {
        int offset = outShape.Length - small.Length;
        int firstReal = Array.FindIndex(small, d => d != 1);
        if (firstReal < 0)
        {
            return false;
        }
        for (int i = firstReal; i < small.Length; i++)
        {
            if (small[i] != outShape[i + offset])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Sums a gradient of the output's shape down to an input's shape (the adjoint of broadcasting).</summary>
    public static void ReduceInto(ReadOnlySpan<float> gOut, Span<float> gIn, int[] inIndex)
    {
        for (int i = 0; i < gOut.Length; i++)
        {
            gIn[inIndex[i]] += gOut[i];
        }
    }

    public void ReduceToA(ReadOnlySpan<float> gOut, Span<float> gA) => Reduce(gOut, gA, How is Kind.Same or Kind.RowsB or Kind.ScalarB, How == Kind.ScalarA, How == Kind.RowsA, AIndexLazy);

    public void ReduceToB(ReadOnlySpan<float> gOut, Span<float> gB) => Reduce(gOut, gB, How is Kind.Same or Kind.RowsA or Kind.ScalarA, How == Kind.ScalarB, How == Kind.RowsB, BIndexLazy);

    private int[] AIndexLazy() => AIndex;

    private int[] BIndexLazy() => BIndex;

    private static void Reduce(ReadOnlySpan<float> gOut, Span<float> gIn, bool full, bool scalar, bool rows, Func<int[]> index)
    {
        if (full)
        {
            TensorPrimitives.Add(gIn, gOut, gIn);
        }
        else if (scalar)
        {
            gIn[0] += TensorPrimitives.Sum(gOut);
        }
        else if (rows)
        {
            int w = gIn.Length;
            for (int r = 0; r < gOut.Length; r += w)
            {
                TensorPrimitives.Add(gIn, gOut.Slice(r, w), gIn);
            }
        }
        else
        {
            ReduceInto(gOut, gIn, index());
        }
    }
}
