using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RobotPolicy.Trainer.Engine.Kernels;

// Packing only moves values (copies, shuffles, zero padding): no arithmetic, so it cannot change a result's bits.
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
                // B stored [n, k]: op(B)[p, j] = B[j·k + p], so a panel is the transpose of `columns` B row pieces.
                float* source = problem.B + (nint)j0 * k + pc;
                int p = 0;
                if (Avx.IsSupported && columns == nr && nr % 8 == 0)
                {
                    for (; p + 8 <= kc; p += 8)
                    {
                        for (int j = 0; j < nr; j += 8)
                            Transpose8x8(source + (nint)j * k + p, k, panel + (nint)p * nr + j, nr);
                    }
                }
                for (; p < kc; p++)
                {
                    float* row = panel + (nint)p * nr;
                    float* from = source + p;
                    for (int j = 0; j < columns; j++)
                        row[j] = from[(nint)j * k];
                    for (int j = columns; j < nr; j++)
                        row[j] = 0f;
                }
            }
        }
    }

    /// <summary>
    /// Packs op(A)[i0..i0+rows, pc..pc+kc] (rows &lt; MR) as one MR-tall panel: for p = 0..kc-1 the MR values
    /// op(A)[i0.., pc+p], contiguous, rows past the edge zero.
    /// </summary>
    private static void PackPartialA(in Problem problem, float* destination, int i0, int rows, int pc, int kc, int mr)
    {
        int m = problem.M, k = problem.K;
        for (int p = 0; p < kc; p++)
        {
            float* slot = destination + (nint)p * mr;
            for (int i = 0; i < rows; i++)
            {
                slot[i] = problem.TransposeA
                    ? problem.A[(nint)(pc + p) * m + i0 + i] // A stored [k, m]
                    : problem.A[(nint)(i0 + i) * k + pc + p]; // A stored [m, k]
            }
            for (int i = rows; i < mr; i++)
                slot[i] = 0f;
        }
    }

    /// <summary>destination[r·destinationStride + s] = source[s·sourceStride + r] for an 8×8 block (AVX shuffles).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* source, nint sourceStride, float* destination, nint destinationStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(source);
        Vector256<float> r1 = Avx.LoadVector256(source + sourceStride);
        Vector256<float> r2 = Avx.LoadVector256(source + 2 * sourceStride);
        Vector256<float> r3 = Avx.LoadVector256(source + 3 * sourceStride);
        Vector256<float> r4 = Avx.LoadVector256(source + 4 * sourceStride);
        Vector256<float> r5 = Avx.LoadVector256(source + 5 * sourceStride);
        Vector256<float> r6 = Avx.LoadVector256(source + 6 * sourceStride);
        Vector256<float> r7 = Avx.LoadVector256(source + 7 * sourceStride);

        // Interleave pairs of rows, then pairs of pairs: t*/u* hold 2×2 and 4×4 transposed blocks per 128-bit lane.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        // Combine the 128-bit lanes: low lanes give output rows 0-3, high lanes rows 4-7.
        Avx.Store(destination, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(destination + destinationStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(destination + 2 * destinationStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(destination + 3 * destinationStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(destination + 4 * destinationStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(destination + 5 * destinationStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(destination + 6 * destinationStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(destination + 7 * destinationStride, Avx.Permute2x128(u3, u7, 0x31));
    }
}
