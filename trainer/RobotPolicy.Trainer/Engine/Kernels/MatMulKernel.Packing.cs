using System.Runtime.CompilerServices;

namespace RobotPolicy.Trainer.Engine.Kernels;

public static unsafe partial class MatMulKernel
{
    /// <summary>
    /// Packs op(B)[pc..pc+kc, jc..jc+nc] as NR-wide panels: panel q holds, for p = 0..kc-1, the NR values
    /// op(B)[pc+p, jc+q·NR ..], contiguous; columns past the edge are zero.
    /// </summary>
    private static void PackB(in Problem problem, float* destination, int pc, int kc, int jc, int nc, int nr)
    {
        int n = problem.N, k = problem.K;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int columns = Math.Min(nr, nc - jr);
            float* panel = destination + (nint)jr * kc;
            int j0 = jc + jr;
            if (!problem.TransposeB)
            {
                // B stored [k, n]: a panel row is a contiguous piece of a B row.
                float* source = problem.B + (nint)pc * n + j0;
                uint bytes = (uint)(columns * sizeof(float));
                for (int p = 0; p < kc; p++)
                {
                    float* row = panel + (nint)p * nr;
                    Unsafe.CopyBlockUnaligned(row, source + (nint)p * n, bytes);
                    for (int j = columns; j < nr; j++)
                        row[j] = 0f;
                }
            }
            else
            {
                // B stored [n, k]: a panel column is a contiguous piece of a B row.
                for (int j = 0; j < columns; j++)
                {
                    float* source = problem.B + (nint)(j0 + j) * k + pc;
                    float* column = panel + j;
                    for (int p = 0; p < kc; p++)
                        column[(nint)p * nr] = source[p];
                }
                if (columns < nr)
                {
                    for (int p = 0; p < kc; p++)
                        new Span<float>(panel + (nint)p * nr + columns, nr - columns).Clear();
                }
            }
        }
    }

    /// <summary>
    /// Packs op(A)[ic..ic+mc, pc..pc+kc] as MR-tall panels: panel q holds, for p = 0..kc-1, the MR values
    /// op(A)[ic+q·MR .., pc+p], contiguous; rows past the edge are zero.
    /// </summary>
    private static void PackA(in Problem problem, float* destination, int ic, int mc, int pc, int kc, int mr)
    {
        int m = problem.M, k = problem.K;
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            float* panel = destination + (nint)ir * kc;
            int i0 = ic + ir;
            if (!problem.TransposeA)
            {
                // A stored [m, k]: a panel row (fixed i) is a contiguous piece of an A row.
                for (int i = 0; i < rows; i++)
                {
                    float* source = problem.A + (nint)(i0 + i) * k + pc;
                    float* lane = panel + i;
                    for (int p = 0; p < kc; p++)
                        lane[(nint)p * mr] = source[p];
                }
                for (int i = rows; i < mr; i++)
                {
                    float* lane = panel + i;
                    for (int p = 0; p < kc; p++)
                        lane[(nint)p * mr] = 0f;
                }
            }
            else
            {
                // A stored [k, m]: the MR values of one k step are contiguous in an A row.
                float* source = problem.A + (nint)pc * m + i0;
                for (int p = 0; p < kc; p++)
                {
                    float* slot = panel + (nint)p * mr;
                    float* from = source + (nint)p * m;
                    for (int i = 0; i < rows; i++)
                        slot[i] = from[i];
                    for (int i = rows; i < mr; i++)
                        slot[i] = 0f;
                }
            }
        }
    }
}
