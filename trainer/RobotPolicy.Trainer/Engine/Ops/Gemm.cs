using System.Numerics.Tensors;

namespace RobotPolicy.Trainer.Engine.Ops;

/// <summary>
/// C (+)= op(A)·op(B), row-major float32: the one entry point the engine's matrix products go through, so the
/// kernel behind it can change without touching the ops.
/// </summary>
internal static class Gemm
{
    public static void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
        if (!accumulate)
        {
            c.Clear();
        }
        // Row-oriented axpy form: each output row is a sum of scaled rows of op(B). Temporary until the blocked kernel lands.
        Span<float> bRow = transposeB ? new float[n] : default;
        for (int i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                float aip = transposeA ? a[p * m + i] : a[i * k + p];
                if (aip == 0f)
                {
                    continue;
                }
                ReadOnlySpan<float> row;
                if (transposeB)
                {
                    for (int j = 0; j < n; j++)
                    {
                        bRow[j] = b[j * k + p];
                    }
                    row = bRow;
                }
                else
                {
                    row = b.Slice(p * n, n);
                }
                TensorPrimitives.MultiplyAdd(row, aip, cRow, cRow);
            }
        }
    }
}
