namespace RobotPolicy.Trainer.Engine;

/// <summary>Shape arithmetic: element counts, axes, and NumPy-style broadcasting.</summary>
internal static class ShapeMath
{
    public static int Numel(int[] shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"negative dimension in shape [{string.Join(", ", shape)}]");
            }
            n *= d;
        }
        return checked((int)n);
    }

    /// <summary>Normalizes a possibly negative axis (-1 = last) and checks it.</summary>
    public static int Axis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"dimension {axis} is out of range for a tensor of rank {rank}");
        }
        return a;
    }

    public static int[] Strides(int[] shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    public static int[] Broadcast(int[] a, int[] b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException($"{op}: shapes [{string.Join(", ", a)}] and [{string.Join(", ", b)}] do not broadcast (dimension {i}: {da} vs {db})");
            }
            result[i] = Math.Max(da, db);
        }
        return result;
    }

    /// <summary>
    /// For each element of <paramref name="outShape"/>, the index of the element of a tensor of shape
    /// <paramref name="inShape"/> that broadcasts onto it.
    /// </summary>
    public static int[] BroadcastIndex(int[] inShape, int[] outShape)
    {
        int n = Numel(outShape);
        var index = new int[n];
        int rank = outShape.Length;
        int offset = rank - inShape.Length;
        var inStrides = Strides(inShape);
        var coords = new int[rank];
        for (int i = 0; i < n; i++)
        {
            int src = 0;
            for (int d = offset; d < rank; d++)
            {
                int dimIn = inShape[d - offset];
                if (dimIn != 1)
                {
                    src += coords[d] * inStrides[d - offset];
                }
            }
            index[i] = src;
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++coords[d] < outShape[d])
                {
                    break;
                }
                coords[d] = 0;
            }
        }
        return index;
    }

    public static bool SameShape(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);
}
