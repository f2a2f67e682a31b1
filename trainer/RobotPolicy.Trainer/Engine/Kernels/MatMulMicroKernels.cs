// Micro-kernels: an MR x NR tile of C kept in registers while k runs, written out in full (no loops over
// registers) so the JIT keeps every accumulator in a register. Each lane runs acc = fma(a, b, acc) in k order.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RobotPolicy.Trainer.Engine.Kernels;

/// <summary>
/// An MR x NR register tile: C[i, j] (+)= sum over p &lt; kc of a[i·rowStride + p·stepStride] · b[p·NR + j], for
/// i &lt; MR, j &lt; NR. A packed A panel has rowStride 1 and stepStride MR; rows of a row-major A are read in place
/// with rowStride = the row length and stepStride 1. B is always a packed panel (NR values per k step).
/// </summary>
internal unsafe interface IMicroKernel
{
    /// <summary>Rows of the tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the tile (values per k step in a packed B panel).</summary>
    static abstract int NR { get; }

    /// <summary>Runs kc steps; starts from C (row stride ldc) when <paramref name="load"/>, else from +0, and stores the tile.</summary>
    static abstract void Run(int kc, float* a, nint rowStride, nint stepStride, float* b, float* c, nint ldc, bool load);
}

/// <summary>AVX-512: 6 rows x 2 vectors of 16 (12 accumulators of the 32 registers).</summary>
internal readonly unsafe struct Kernel512x6x32 : IMicroKernel
{
    public static int MR => 6;

    public static int NR => 32;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: skip tier-0 code
    public static void Run(int kc, float* a, nint rowStride, nint stepStride, float* b, float* c, nint ldc, bool load)
    {
        Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load)
        {
            c00 = Vector512.Load(c);
            c01 = Vector512.Load(c + 16);
            c10 = Vector512.Load(c + 1 * ldc);
            c11 = Vector512.Load(c + 1 * ldc + 16);
            c20 = Vector512.Load(c + 2 * ldc);
            c21 = Vector512.Load(c + 2 * ldc + 16);
            c30 = Vector512.Load(c + 3 * ldc);
            c31 = Vector512.Load(c + 3 * ldc + 16);
            c40 = Vector512.Load(c + 4 * ldc);
            c41 = Vector512.Load(c + 4 * ldc + 16);
            c50 = Vector512.Load(c + 5 * ldc);
            c51 = Vector512.Load(c + 5 * ldc + 16);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector512<float>.Zero;
        }

        nint row1 = 1 * rowStride;
        nint row2 = 2 * rowStride;
        nint row3 = 3 * rowStride;
        nint row4 = 4 * rowStride;
        nint row5 = 5 * rowStride;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            Vector512<float> a1 = Vector512.Create(a[row1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            Vector512<float> a2 = Vector512.Create(a[row2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            Vector512<float> a3 = Vector512.Create(a[row3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            Vector512<float> a4 = Vector512.Create(a[row4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            Vector512<float> a5 = Vector512.Create(a[row5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            a += stepStride;
            b += 32;
        }

        c00.Store(c);
        c01.Store(c + 16);
        c10.Store(c + 1 * ldc);
        c11.Store(c + 1 * ldc + 16);
        c20.Store(c + 2 * ldc);
        c21.Store(c + 2 * ldc + 16);
        c30.Store(c + 3 * ldc);
        c31.Store(c + 3 * ldc + 16);
        c40.Store(c + 4 * ldc);
        c41.Store(c + 4 * ldc + 16);
        c50.Store(c + 5 * ldc);
        c51.Store(c + 5 * ldc + 16);
    }
}

/// <summary>AVX2 + FMA: 6 rows x 2 vectors of 8 (12 accumulators of the 16 registers).</summary>
internal readonly unsafe struct Kernel256x6x16 : IMicroKernel
{
    public static int MR => 6;

    public static int NR => 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: skip tier-0 code
    public static void Run(int kc, float* a, nint rowStride, nint stepStride, float* b, float* c, nint ldc, bool load)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load)
        {
            c00 = Vector256.Load(c);
            c01 = Vector256.Load(c + 8);
            c10 = Vector256.Load(c + 1 * ldc);
            c11 = Vector256.Load(c + 1 * ldc + 8);
            c20 = Vector256.Load(c + 2 * ldc);
            c21 = Vector256.Load(c + 2 * ldc + 8);
            c30 = Vector256.Load(c + 3 * ldc);
            c31 = Vector256.Load(c + 3 * ldc + 8);
            c40 = Vector256.Load(c + 4 * ldc);
            c41 = Vector256.Load(c + 4 * ldc + 8);
            c50 = Vector256.Load(c + 5 * ldc);
            c51 = Vector256.Load(c + 5 * ldc + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector256<float>.Zero;
        }

        nint row1 = 1 * rowStride;
        nint row2 = 2 * rowStride;
        nint row3 = 3 * rowStride;
        nint row4 = 4 * rowStride;
        nint row5 = 5 * rowStride;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            Vector256<float> a1 = Vector256.Create(a[row1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            Vector256<float> a2 = Vector256.Create(a[row2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            Vector256<float> a3 = Vector256.Create(a[row3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            Vector256<float> a4 = Vector256.Create(a[row4]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            Vector256<float> a5 = Vector256.Create(a[row5]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += stepStride;
            b += 16;
        }

        c00.Store(c);
        c01.Store(c + 8);
        c10.Store(c + 1 * ldc);
        c11.Store(c + 1 * ldc + 8);
        c20.Store(c + 2 * ldc);
        c21.Store(c + 2 * ldc + 8);
        c30.Store(c + 3 * ldc);
        c31.Store(c + 3 * ldc + 8);
        c40.Store(c + 4 * ldc);
        c41.Store(c + 4 * ldc + 8);
        c50.Store(c + 5 * ldc);
        c51.Store(c + 5 * ldc + 8);
    }
}

/// <summary>SSE + FMA or Arm64 AdvSimd: 6 rows x 2 vectors of 4.</summary>
internal readonly unsafe struct Kernel128x6x8 : IMicroKernel
{
    public static int MR => 6;

    public static int NR => 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: skip tier-0 code
    public static void Run(int kc, float* a, nint rowStride, nint stepStride, float* b, float* c, nint ldc, bool load)
    {
        Vector128<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load)
        {
            c00 = Vector128.Load(c);
            c01 = Vector128.Load(c + 4);
            c10 = Vector128.Load(c + 1 * ldc);
            c11 = Vector128.Load(c + 1 * ldc + 4);
            c20 = Vector128.Load(c + 2 * ldc);
            c21 = Vector128.Load(c + 2 * ldc + 4);
            c30 = Vector128.Load(c + 3 * ldc);
            c31 = Vector128.Load(c + 3 * ldc + 4);
            c40 = Vector128.Load(c + 4 * ldc);
            c41 = Vector128.Load(c + 4 * ldc + 4);
            c50 = Vector128.Load(c + 5 * ldc);
            c51 = Vector128.Load(c + 5 * ldc + 4);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector128<float>.Zero;
        }

        nint row1 = 1 * rowStride;
        nint row2 = 2 * rowStride;
        nint row3 = 3 * rowStride;
        nint row4 = 4 * rowStride;
        nint row5 = 5 * rowStride;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> a0 = Vector128.Create(a[0]);
            c00 = Vector128.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector128.FusedMultiplyAdd(a0, b1, c01);
            Vector128<float> a1 = Vector128.Create(a[row1]);
            c10 = Vector128.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector128.FusedMultiplyAdd(a1, b1, c11);
            Vector128<float> a2 = Vector128.Create(a[row2]);
            c20 = Vector128.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector128.FusedMultiplyAdd(a2, b1, c21);
            Vector128<float> a3 = Vector128.Create(a[row3]);
            c30 = Vector128.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector128.FusedMultiplyAdd(a3, b1, c31);
            Vector128<float> a4 = Vector128.Create(a[row4]);
            c40 = Vector128.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector128.FusedMultiplyAdd(a4, b1, c41);
            Vector128<float> a5 = Vector128.Create(a[row5]);
            c50 = Vector128.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector128.FusedMultiplyAdd(a5, b1, c51);
            a += stepStride;
            b += 8;
        }

        c00.Store(c);
        c01.Store(c + 4);
        c10.Store(c + 1 * ldc);
        c11.Store(c + 1 * ldc + 4);
        c20.Store(c + 2 * ldc);
        c21.Store(c + 2 * ldc + 4);
        c30.Store(c + 3 * ldc);
        c31.Store(c + 3 * ldc + 4);
        c40.Store(c + 4 * ldc);
        c41.Store(c + 4 * ldc + 4);
        c50.Store(c + 5 * ldc);
        c51.Store(c + 5 * ldc + 4);
    }
}

/// <summary>Fallback without vector hardware: a 4x4 tile with <see cref="MathF.FusedMultiplyAdd"/>, the same rounding as the vectors.</summary>
internal readonly unsafe struct KernelScalar4x4 : IMicroKernel
{
    public static int MR => 4;

    public static int NR => 4;

    public static void Run(int kc, float* a, nint rowStride, nint stepStride, float* b, float* c, nint ldc, bool load)
    {
        float* tile = stackalloc float[16];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
                tile[i * 4 + j] = load ? c[i * ldc + j] : 0f;
        }
        for (int p = 0; p < kc; p++)
        {
            for (int i = 0; i < 4; i++)
            {
                float ai = a[i * rowStride];
                float* row = tile + i * 4;
                row[0] = MathF.FusedMultiplyAdd(ai, b[0], row[0]);
                row[1] = MathF.FusedMultiplyAdd(ai, b[1], row[1]);
                row[2] = MathF.FusedMultiplyAdd(ai, b[2], row[2]);
                row[3] = MathF.FusedMultiplyAdd(ai, b[3], row[3]);
            }
            a += stepStride;
            b += 4;
        }
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
                c[i * ldc + j] = tile[i * 4 + j];
        }
    }
}
