using System.Diagnostics;

namespace RobotPolicy.Trainer.Engine.Kernels;

/// <summary>What <see cref="MatMulBenchmark.Measure"/> saw for one shape.</summary>
/// <param name="Kernel">The micro-kernel that ran (Vector512, Vector256, Vector128 or Scalar).</param>
/// <param name="MaxThreads">The thread cap given (0: one per processor).</param>
/// <param name="Rounds">Timed rounds; each ran <see cref="CallsPerRound"/> back-to-back calls.</param>
/// <param name="MedianSecondsPerCall">Median over rounds of the mean call time; <see cref="GFlops"/> is based on it.</param>
/// <param name="BestSecondsPerCall">Fastest round's mean call time.</param>
public sealed record MatMulMeasurement(
    int M, int K, int N, bool TransposeA, bool TransposeB, string Kernel, int MaxThreads,
    int Rounds, int CallsPerRound, double MedianSecondsPerCall, double BestSecondsPerCall)
{
    /// <summary>Floating-point operations of one call: 2·m·k·n (one multiply and one add per multiply-add).</summary>
    public double FlopsPerCall => 2.0 * M * K * N;

    /// <summary>Throughput of the median round, in 10⁹ floating-point operations per second.</summary>
    public double GFlops => FlopsPerCall / MedianSecondsPerCall / 1e9;

    /// <summary>Throughput of the fastest round.</summary>
    public double BestGFlops => FlopsPerCall / BestSecondsPerCall / 1e9;
}

/// <summary>
/// Throughput of <see cref="MatMulKernel.MatMul(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/>
/// for one shape (a measurement to report, not a test). Method: inputs uniform in [-1, 1) from a fixed seed; warm-up
/// calls for <c>warmupSeconds</c> (so the JIT has produced its final code and the pack buffers exist); then
/// <c>rounds</c> rounds, each timing with <see cref="Stopwatch"/> as many back-to-back calls as fill
/// <c>secondsPerRound</c> (count fixed from the warm-up); the median round gives GFLOP/s = 2·m·k·n / seconds per call.
/// </summary>
public static class MatMulBenchmark
{
    /// <param name="maxThreads">0: the kernel's own choice (every processor above its work threshold); 1: single-threaded.</param>
    public static MatMulMeasurement Measure(
        int m, int k, int n, bool transposeA = false, bool transposeB = false, int maxThreads = 0,
        double warmupSeconds = 0.3, int rounds = 7, double secondsPerRound = 0.1) =>
        Measure(m, k, n, transposeA, transposeB, new MatMulSettings(MaxThreads: maxThreads), warmupSeconds, rounds, secondsPerRound);

    internal static MatMulMeasurement Measure(
        int m, int k, int n, bool transposeA, bool transposeB, MatMulSettings settings,
        double warmupSeconds = 0.3, int rounds = 7, double secondsPerRound = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);

        var random = new Random(12345);
        float[] a = RandomValues(random, m * k), b = RandomValues(random, k * n), c = new float[m * n];

        var clock = Stopwatch.StartNew();
        long warmupCalls = 0;
        do
        {
            MatMulKernel.MatMul(a, b, c, m, k, n, transposeA, transposeB, accumulate: false, settings);
            warmupCalls++;
        }
        while (clock.Elapsed.TotalSeconds < warmupSeconds || warmupCalls < 3);
        double secondsPerCall = clock.Elapsed.TotalSeconds / warmupCalls;
        int callsPerRound = (int)Math.Clamp(secondsPerRound / secondsPerCall, 1, int.MaxValue);

        var perCall = new double[rounds];
        for (int round = 0; round < rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int call = 0; call < callsPerRound; call++)
                MatMulKernel.MatMul(a, b, c, m, k, n, transposeA, transposeB, accumulate: false, settings);
            perCall[round] = Stopwatch.GetElapsedTime(start).TotalSeconds / callsPerRound;
        }
        Array.Sort(perCall);

        MatMulIsa kernel = settings.Isa == MatMulIsa.Auto ? MatMulKernel.BestIsa : settings.Isa;
        return new MatMulMeasurement(
            m, k, n, transposeA, transposeB, kernel.ToString(), settings.MaxThreads,
            rounds, callsPerRound, perCall[rounds / 2], perCall[0]);
    }

    private static float[] RandomValues(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
