namespace RobotPolicy.Tests.Engine;

/// <summary>Operands for the matmul tests and the two references they are checked against.</summary>
internal static class MatMulReference
{
    /// <summary>Uniform values in [-1, 1) from a fixed seed.</summary>
    public static float[] RandomValues(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    /// <summary>op(A) as a plain [m, k] array (A stored [m, k], or [k, m] when transposed).</summary>
    public static float[] OpA(float[] a, int m, int k, bool transposeA)
    {
        var result = new float[m * k];
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++)
                result[i * k + p] = transposeA ? a[p * m + i] : a[i * k + p];
        }
        return result;
    }

    /// <summary>op(B) transposed, as a plain [n, k] array, so a column of op(B) is contiguous.</summary>
    public static float[] OpBColumns(float[] b, int k, int n, bool transposeB)
    {
        var result = new float[n * k];
        for (int j = 0; j < n; j++)
        {
            for (int p = 0; p < k; p++)
                result[j * k + p] = transposeB ? b[j * k + p] : b[p * n + j];
        }
        return result;
    }

    /// <summary>
    /// The kernel's documented arithmetic, one element at a time: acc = c0 (or +0); acc = fma(A[i,p], B[p,j], acc)
    /// for p = 0..k-1 in order. Every kernel path must reproduce these bits exactly.
    /// </summary>
    public static float[] SequentialFmaChain(
        float[] a, float[] b, float[]? c0, int m, int k, int n, bool transposeA, bool transposeB)
    {
        float[] opA = OpA(a, m, k, transposeA), opB = OpBColumns(b, k, n, transposeB);
        var c = new float[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float acc = c0 is null ? 0f : c0[i * n + j];
                for (int p = 0; p < k; p++)
                    acc = MathF.FusedMultiplyAdd(opA[i * k + p], opB[j * k + p], acc);
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    /// <summary>
    /// c0 + op(A)·op(B) in double precision (exact products; the double rounding is negligible next to float32's),
    /// and for each element the magnitude |c0| + Σ|A[i,p]·B[p,j]| that bounds the float32 rounding error.
    /// </summary>
    public static (double[] Value, double[] Magnitude) DoublePrecision(
        float[] a, float[] b, float[]? c0, int m, int k, int n, bool transposeA, bool transposeB)
    {
        float[] opA = OpA(a, m, k, transposeA), opB = OpBColumns(b, k, n, transposeB);
        var value = new double[m * n];
        var magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double start = c0 is null ? 0 : c0[i * n + j];
                double sum = start, abs = Math.Abs(start);
                for (int p = 0; p < k; p++)
                {
                    double product = (double)opA[i * k + p] * opB[j * k + p];
                    sum += product;
                    abs += Math.Abs(product);
                }
                value[i * n + j] = sum;
                magnitude[i * n + j] = abs;
            }
        }
        return (value, magnitude);
    }

    /// <summary>
    /// The classic bound for a k-term float32 dot product accumulated in order (with or without fused multiply-add):
    /// |computed − exact| ≤ γ(k+1)·(|c0| + Σ|a·b|), γ(n) = n·u / (1 − n·u), u = 2⁻²⁴ (one more term for c0); plus the
    /// double reference's own rounding, at most k·2⁻⁵³ of the same magnitude.
    /// </summary>
    public static double ErrorBound(int k, double magnitude)
    {
        double u = Math.ScaleB(1, -24);
        double terms = k + 1;
        double gamma = terms * u / (1 - terms * u);
        return (gamma + terms * Math.ScaleB(1, -53)) * magnitude + double.Epsilon;
    }

    public static bool SameBits(float x, float y) =>
        BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y) || (float.IsNaN(x) && float.IsNaN(y));
}
