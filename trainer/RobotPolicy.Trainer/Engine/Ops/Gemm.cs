using RobotPolicy.Trainer.Engine.Kernels;

namespace RobotPolicy.Trainer.Engine.Ops;

/// <summary>
/// C (+)= op(A)·op(B), row-major float32: the one entry point the engine's matrix products go through, so the
/// kernel behind it can change without touching the ops. Today: the packed, register-blocked FMA kernel, threaded
/// over row or column ranges with results independent of the thread count (<see cref="MatMulKernel"/>).
/// </summary>
internal static class Gemm
{
    public static void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false) =>
        MatMulKernel.MatMul(a, b, c, m, k, n, transposeA, transposeB, accumulate);
}
