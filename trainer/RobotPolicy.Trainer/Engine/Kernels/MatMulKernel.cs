using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace RobotPolicy.Trainer.Engine.Kernels;

/// <summary>
/// Single-precision matrix multiply for the engine's hot path: C[m,n] (+)= op(A)[m,k] · op(B)[k,n], all row-major
/// and contiguous. op(A) is A stored [m,k], or with <c>transposeA</c> A stored [k,m]; op(B) is B stored [k,n], or
/// with <c>transposeB</c> B stored [n,k]. A linear layer y = x·Wᵀ (W stored [out,in]) is
/// <c>MatMul(x, W, y, batch, in, out, transposeB: true)</c>; its backward is dX = dY·W
/// (<c>MatMul(dY, W, dX, batch, out, in)</c>) and dW = dYᵀ·X (<c>MatMul(dY, x, dW, out, batch, in, transposeA: true)</c>).
/// </summary>
/// <remarks>
/// <para>How it is computed (GotoBLAS/BLIS-style blocking). The columns are cut into blocks of
/// <see cref="NcBlock"/> and the inner dimension into blocks of <see cref="KcBlock"/>. For every (column block,
/// k block) op(B) is packed into NR-wide panels (kc steps of NR contiguous values, zero padded; a transposed B is
/// transposed 8×8 at a time where AVX exists), so the B block sits contiguous in L2. op(A) is read in place — rows of A
/// stored [m,k] are already contiguous in k, and A stored [k,m] gives MR contiguous values per k step — and only a
/// last panel of fewer than MR rows is copied, zero padded. The micro-kernel keeps an MR×NR tile of C in registers
/// (6×32 with Vector512, 6×16 with Vector256, 6×8 with Vector128, 4×4 scalar): per k step it loads NR values of B,
/// broadcasts MR values of A and issues one fused multiply-add per (row, vector); its A panel (MR×kc) stays in L1
/// while it sweeps the B panels. Tiles that stick out of C run on a scratch tile. Each worker takes a pinned,
/// 64-byte aligned pack buffer from a small process-wide pool for the length of its task, so a single-threaded call
/// allocates nothing once warm (a parallel call allocates only what
/// <see cref="Parallel.For(int, int, Action{int})"/> itself does, about 1.6 KB).</para>
/// <para>Threads. Problems of at least <see cref="ParallelThresholdMacs"/> multiply-adds are split into contiguous
/// row ranges (or column ranges, when C has more column tiles than row tiles) aligned to the tile size, one per
/// worker, run with <see cref="Parallel.For(int, int, Action{int})"/>. Each worker packs the B panels it needs into
/// its own buffer.</para>
/// <para>Determinism. Every element is computed as the same sequential chain, whatever the kernel width, the
/// blocking, the thread count or the way the work is split:
/// <c>acc = accumulate ? C[i,j] : +0; for p = 0..k-1: acc = fma(op(A)[i,p], op(B)[p,j], acc)</c>, each step one
/// float32 fused multiply-add (single rounding). Vector lanes are independent (no horizontal sums), cutting k into
/// blocks only stores the running float32 value into C and loads it back (exact), zero padding only feeds rows and
/// columns that are thrown away, and the scalar path uses <see cref="MathF.FusedMultiplyAdd"/> too. Nothing is ever
/// summed across threads: a worker owns its output elements. So the result is bit-identical to the scalar loop
/// above on every path, which the tests check element for element.</para>
/// </remarks>
public static unsafe partial class MatMulKernel
{
    /// <summary>Inner-dimension block: bounds the packed B block (kc×nc) and keeps an A panel (MR×kc) in L1.</summary>
    internal const int KcBlock = 256;

    /// <summary>Columns per packed B block (a multiple of every NR).</summary>
    internal const int NcBlock = 1024;

    /// <summary>Multiply-adds (m·k·n) from which a call is split across threads.</summary>
    internal const long ParallelThresholdMacs = 1L << 21;

    /// <summary>Least multiply-adds per worker, so a mid-sized problem does not wake more threads than it can feed.</summary>
    internal const long MinMacsPerTask = 1L << 20;

    /// <summary>The widest kernel this machine runs natively (fused multiply-add in hardware).</summary>
    internal static MatMulIsa BestIsa { get; } = DetectIsa();

    /// <summary>C[m,n] = op(A)·op(B), or C += op(A)·op(B) with <paramref name="accumulate"/>. See the type remarks.</summary>
    /// <param name="a">op(A)'s storage: [m,k], or [k,m] with <paramref name="transposeA"/>; exactly m·k values.</param>
    /// <param name="b">op(B)'s storage: [k,n], or [n,k] with <paramref name="transposeB"/>; exactly k·n values.</param>
    /// <param name="c">The [m,n] result; exactly m·n values, not overlapping <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, or <paramref name="c"/> overlaps an input.</exception>
    public static void MatMul(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false) =>
        MatMul(a, b, c, m, k, n, transposeA, transposeB, accumulate, default);

    /// <summary>As the public overload, with the kernel and the threading pinned down (tests and benchmarks).</summary>
    internal static void MatMul(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate, MatMulSettings settings)
    {
        Validate(a, b, c, m, k, n, transposeA, transposeB);
        if (m == 0 || n == 0)
            return;
        if (k == 0)
        {
            if (!accumulate)
                c.Clear();
            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var problem = new Problem(pa, pb, pc, m, k, n, transposeA, transposeB, accumulate);
            switch (settings.Isa == MatMulIsa.Auto ? BestIsa : settings.Isa)
            {
                case MatMulIsa.Vector512: Run<Kernel512x6x32>(problem, settings); break;
                case MatMulIsa.Vector256: Run<Kernel256x6x16>(problem, settings); break;
                case MatMulIsa.Vector128: Run<Kernel128x6x8>(problem, settings); break;
                case MatMulIsa.Scalar: Run<KernelScalar4x4>(problem, settings); break;
                default: throw new ArgumentOutOfRangeException(nameof(settings), settings.Isa, "unknown kernel");
            }
        }
    }

    private static MatMulIsa DetectIsa()
    {
        // A vector kernel is only worth it when the fused multiply-add is a hardware instruction; the software
        // fallback of Vector*.FusedMultiplyAdd is exact but far slower than the scalar path.
        bool hardwareFma = Fma.IsSupported || AdvSimd.IsSupported;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
            return MatMulIsa.Vector512;
        if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
            return MatMulIsa.Vector256;
        if (Vector128.IsHardwareAccelerated && hardwareFma)
            return MatMulIsa.Vector128;
        return MatMulIsa.Scalar;
    }

    private static void Validate(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool transposeA, bool transposeB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        long aNeeded = (long)m * k, bNeeded = (long)k * n, cNeeded = (long)m * n;
        if (a.Length != aNeeded)
            throw new ArgumentException(
                $"a holds {a.Length} values but op(A) is {m}x{k} (stored {(transposeA ? $"transposed as [{k}, {m}]" : $"as [{m}, {k}]")}), which needs {aNeeded}.",
                nameof(a));
        if (b.Length != bNeeded)
            throw new ArgumentException(
                $"b holds {b.Length} values but op(B) is {k}x{n} (stored {(transposeB ? $"transposed as [{n}, {k}]" : $"as [{k}, {n}]")}), which needs {bNeeded}.",
                nameof(b));
        if (c.Length != cNeeded)
            throw new ArgumentException($"c holds {c.Length} values but the result is [{m}, {n}], which needs {cNeeded}.", nameof(c));
        ReadOnlySpan<float> output = c;
        if (output.Overlaps(a))
            throw new ArgumentException("c overlaps a: the result must be written to separate memory.", nameof(c));
        if (output.Overlaps(b))
            throw new ArgumentException("c overlaps b: the result must be written to separate memory.", nameof(c));
    }

    /// <summary>Pointers and shape of one call; the pinned spans outlive every use (the call waits for its workers).</summary>
    internal readonly struct Problem(float* a, float* b, float* c, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate)
    {
        public readonly float* A = a;
        public readonly float* B = b;
        public readonly float* C = c;
        public readonly int M = m;
        public readonly int K = k;
        public readonly int N = n;
        public readonly bool TransposeA = transposeA;
        public readonly bool TransposeB = transposeB;
        public readonly bool Accumulate = accumulate;
    }

    private static void Run<TKernel>(in Problem problem, MatMulSettings settings)
        where TKernel : struct, IMicroKernel
    {
        long macs = (long)problem.M * problem.K * problem.N;
        int tasks;
        if (settings.Tasks > 0)
        {
            tasks = settings.Tasks; // forced (tests): exactly this split, even on one core
        }
        else
        {
            int threads = settings.MaxThreads > 0 ? settings.MaxThreads : Environment.ProcessorCount;
            tasks = macs < ParallelThresholdMacs ? 1 : (int)Math.Min(threads, macs / MinMacsPerTask);
        }

        // Split the dimension with more tiles. (Column ranges would spare each worker packing all of B, but measured
        // no faster on the PPO shapes: each worker then streams all of A.)
        int rowTiles = DivUp(problem.M, TKernel.MR), columnTiles = DivUp(problem.N, TKernel.NR);
        bool splitRows = settings.SplitRows ?? rowTiles >= columnTiles;
        int tiles = splitRows ? rowTiles : columnTiles;
        tasks = Math.Clamp(tasks, 1, tiles);

        if (tasks == 1)
        {
            RunRange<TKernel>(problem, 0, problem.M, 0, problem.N);
            return;
        }
        ParallelJob<TKernel>.Run(problem, tasks, tiles, splitRows);
    }

    /// <summary>One parallel call: hands worker t its tile range. Cached per calling thread so calls allocate no job.</summary>
    private sealed class ParallelJob<TKernel>
        where TKernel : struct, IMicroKernel
    {
        [ThreadStatic]
        private static ParallelJob<TKernel>? t_cached;

        private readonly Action<int> _body;
        private Problem _problem;
        private int _tasks;
        private int _tiles;
        private bool _splitRows;

        private ParallelJob() => _body = RunTask;

        public static void Run(in Problem problem, int tasks, int tiles, bool splitRows)
        {
            ParallelJob<TKernel> job = t_cached ?? new ParallelJob<TKernel>();
            t_cached = null; // taken while in use (re-entrant calls get their own)
            job._problem = problem;
            job._tasks = tasks;
            job._tiles = tiles;
            job._splitRows = splitRows;
            Parallel.For(0, tasks, job._body);
            job._problem = default;
            t_cached = job;
        }

        private void RunTask(int task)
        {
            int firstTile = (int)((long)task * _tiles / _tasks);
            int endTile = (int)((long)(task + 1) * _tiles / _tasks);
            if (_splitRows)
            {
                int r0 = firstTile * TKernel.MR, r1 = Math.Min(_problem.M, endTile * TKernel.MR);
                RunRange<TKernel>(_problem, r0, r1, 0, _problem.N);
            }
            else
            {
                int c0 = firstTile * TKernel.NR, c1 = Math.Min(_problem.N, endTile * TKernel.NR);
                RunRange<TKernel>(_problem, 0, _problem.M, c0, c1);
            }
        }
    }

    /// <summary>C[r0..r1, c0..c1] over the whole inner dimension; the blocked loop nest of one worker.</summary>
    internal static void RunRange<TKernel>(in Problem problem, int r0, int r1, int c0, int c1)
        where TKernel : struct, IMicroKernel
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int m = problem.M, k = problem.K;
        nint ldc = problem.N;
        int kcMax = Math.Min(KcBlock, k);
        int ncMax = RoundUp(Math.Min(NcBlock, c1 - c0), nr);

        PackBuffer buffer = PackBuffer.Rent();
        float* packedB = buffer.Get((nint)kcMax * (ncMax + mr));
        float* partialA = packedB + (nint)kcMax * ncMax; // MR x kc: a last panel with fewer than MR rows
        float* edge = stackalloc float[mr * nr];

        for (int jc = c0; jc < c1; jc += NcBlock)
        {
            int nc = Math.Min(NcBlock, c1 - jc);
            for (int pc = 0; pc < k; pc += KcBlock)
            {
                int kc = Math.Min(KcBlock, k - pc);
                bool load = problem.Accumulate || pc > 0;
                PackB(problem, packedB, pc, kc, jc, nc, nr);
                for (int ir = r0; ir < r1; ir += mr)
                {
                    // op(A) rows ir.. are read in place: from A stored [m, k] as MR rows contiguous in p, from A
                    // stored [k, m] as MR contiguous values per p. Only a panel of fewer than MR rows is copied,
                    // zero padded, so the full-size micro-kernel never reads past the end of A.
                    int rows = Math.Min(mr, r1 - ir);
                    float* aPanel;
                    nint rowStride, stepStride;
                    if (rows < mr)
                    {
                        PackPartialA(problem, partialA, ir, rows, pc, kc, mr);
                        aPanel = partialA;
                        rowStride = 1;
                        stepStride = mr;
                    }
                    else if (problem.TransposeA)
                    {
                        aPanel = problem.A + (nint)pc * m + ir;
                        rowStride = 1;
                        stepStride = m;
                    }
                    else
                    {
                        aPanel = problem.A + (nint)ir * k + pc;
                        rowStride = k;
                        stepStride = 1;
                    }

                    float* cRow = problem.C + ir * ldc + jc;
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        float* bPanel = packedB + (nint)jr * kc;
                        int columns = Math.Min(nr, nc - jr);
                        if (rows == mr && columns == nr)
                            TKernel.Run(kc, aPanel, rowStride, stepStride, bPanel, cRow + jr, ldc, load);
                        else
                            EdgeTile<TKernel>(kc, aPanel, rowStride, stepStride, bPanel, cRow + jr, ldc, load, rows, columns, edge);
                    }
                }
            }
        }

        PackBuffer.Return(buffer);
    }

    /// <summary>A tile that sticks out of C: run the full micro-kernel on a scratch tile and copy the valid part.</summary>
    private static void EdgeTile<TKernel>(
        int kc, float* aPanel, nint rowStride, nint stepStride, float* bPanel, float* c, nint ldc, bool load,
        int rows, int columns, float* scratch)
        where TKernel : struct, IMicroKernel
    {
        int nr = TKernel.NR;
        if (load)
        {
            for (int i = 0; i < rows; i++)
                new ReadOnlySpan<float>(c + i * ldc, columns).CopyTo(new Span<float>(scratch + i * nr, columns));
        }
        TKernel.Run(kc, aPanel, rowStride, stepStride, bPanel, scratch, nr, load);
        for (int i = 0; i < rows; i++)
            new ReadOnlySpan<float>(scratch + i * nr, columns).CopyTo(new Span<float>(c + i * ldc, columns));
    }

    private static int DivUp(int value, int divisor) => (int)(((long)value + divisor - 1) / divisor);

    private static int RoundUp(int value, int multiple) => DivUp(value, multiple) * multiple;
}

/// <summary>Which micro-kernel runs; <see cref="Auto"/> picks the widest with hardware FMA.</summary>
internal enum MatMulIsa
{
    Auto,
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

/// <summary>
/// Test and benchmark knobs. <see cref="MaxThreads"/> caps the workers (0: one per processor) under the usual work
/// threshold; <see cref="Tasks"/> &gt; 0 forces exactly that many ranges, ignoring the threshold;
/// <see cref="SplitRows"/> forces row ranges (true) or column ranges (false) instead of the kernel's choice.
/// </summary>
internal readonly record struct MatMulSettings(MatMulIsa Isa = MatMulIsa.Auto, int MaxThreads = 0, int Tasks = 0, bool? SplitRows = null);
