using RobotPolicy.Runtime.Benchmarks;

namespace RobotPolicy.Cli.GpuBench;

/// <summary>One provider configuration of `bench gpu`: its single-observation benchmark, or why it could not run.</summary>
public sealed record GpuProviderRow(string Configuration, InferenceBenchmarkResult? Result, string? Failure);

/// <summary>Everything `bench gpu` measured: the GPU, each provider configuration, and the batch sweeps.</summary>
public sealed record GpuBenchResult(
    string Bundle,
    string Machine,
    string Gpu,
    IReadOnlyList<GpuProviderRow> Providers,
    IReadOnlyList<BatchBenchmarkResult> BatchSweeps,
    int? CudaOvertakesCpuAtBatch);
