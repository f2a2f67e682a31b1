using RobotPolicy.Trainer.Engine.Kernels;

namespace RobotPolicy.Tests.Engine;

/// <summary>Counts process-wide allocations, so nothing else may run at the same time.</summary>
[CollectionDefinition(nameof(MatMulAllocationTests), DisableParallelization = true)]
public sealed class MatMulAllocationCollection;

[Collection(nameof(MatMulAllocationTests))]
public sealed class MatMulAllocationTests
{
    [Theory]
    [InlineData(64, 64, 64, false, false)]   // below the threshold: single-threaded by default
    [InlineData(7, 300, 65, true, false)]    // partial tiles, packed partial A, two k blocks
    [InlineData(1024, 256, 256, false, true)] // PPO forward, with threads capped at one
    public void A_warm_single_threaded_call_allocates_nothing(int m, int k, int n, bool transposeA, bool transposeB)
    {
        float[] a = MatMulReference.RandomValues(m * k, 1), b = MatMulReference.RandomValues(k * n, 2), c = new float[m * n];
        var settings = new MatMulSettings(MaxThreads: 1);
        for (int i = 0; i < 3; i++)
            MatMulKernel.MatMul(a, b, c, m, k, n, transposeA, transposeB, accumulate: false, settings);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
            MatMulKernel.MatMul(a, b, c, m, k, n, transposeA, transposeB, accumulate: i % 2 == 1, settings);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    /// <summary>
    /// Pack buffers and the job are reused; what is left is Parallel.For's own bookkeeping (~1.6 KB). The best of a
    /// few batches is taken, so a one-off (the thread pool starting a thread) does not count as per-call garbage.
    /// </summary>
    [Fact]
    public void A_warm_parallel_call_allocates_next_to_nothing()
    {
        const int m = 512, k = 64, n = 256, calls = 20;
        float[] a = MatMulReference.RandomValues(m * k, 1), b = MatMulReference.RandomValues(k * n, 2), c = new float[m * n];
        var settings = new MatMulSettings(Tasks: 2);
        for (int i = 0; i < 20; i++)
            MatMulKernel.MatMul(a, b, c, m, k, n, false, false, false, settings);

        double bestPerCall = double.MaxValue;
        for (int batch = 0; batch < 5; batch++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < calls; i++)
                MatMulKernel.MatMul(a, b, c, m, k, n, false, false, false, settings);
            bestPerCall = Math.Min(bestPerCall, (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls);
        }

        Assert.True(bestPerCall < 4 * 1024, $"{bestPerCall:F0} bytes per parallel call");
    }
}
