using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;

namespace RobotPolicy.Bridge.Benchmarks;

/// <summary>One benchmark's figures from BenchmarkDotNet: times per operation in nanoseconds, bytes allocated per operation.</summary>
public sealed record CodecMeasurement(string Name, double MedianNs, double MeanNs, double StdDevNs, int Iterations, long? AllocatedBytesPerOperation);

/// <summary>
/// Runs <see cref="CodecBenchmarks"/> under BenchmarkDotNet in this process (the in-process emit toolchain: no
/// project is generated or built, so it runs from a published robotpolicy and in a container without an SDK).
/// </summary>
public static class CodecBenchmarkSuite
{
    /// <summary>What the job does, for reports.</summary>
    public static string JobDescription(bool quick) => quick
        ? "BenchmarkDotNet 0.14.0, in-process (emit) toolchain, quick: 2 warm-up and 5 measured iterations of 100 ms each"
        : "BenchmarkDotNet 0.14.0, in-process (emit) toolchain: 6 warm-up and 20 measured iterations of 250 ms each";

    public static Job CreateJob(bool quick)
    {
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId(quick ? "codec-quick" : "codec");
        return quick
            ? job.WithWarmupCount(2).WithIterationCount(5).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
            : job.WithWarmupCount(6).WithIterationCount(20).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250));
    }

    /// <summary>
    /// Runs every benchmark and returns its figures, in declaration order. BenchmarkDotNet's log goes to
    /// <paramref name="logger"/> and its artifacts (its own log file) under <paramref name="artifactsPath"/>.
    /// Throws <see cref="CodecBenchmarkException"/> when BenchmarkDotNet refuses to run (a Debug build, say) or a
    /// benchmark fails.
    /// </summary>
    public static IReadOnlyList<CodecMeasurement> Run(bool quick, string artifactsPath, ILogger logger)
    {
        if (IsDebugBuild(typeof(CodecBenchmarks).Assembly) || IsDebugBuild(typeof(Messages.SensorFrame).Assembly))
        {
            throw new CodecBenchmarkException(
                "the codec benchmark needs an optimized build and this one is Debug; build or run robotpolicy with -c Release");
        }
        var config = ManualConfig.CreateEmpty()
            .AddJob(CreateJob(quick))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(logger)
            .AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance)
            .AddValidator(JitOptimizationsValidator.FailOnError)
            .WithArtifactsPath(artifactsPath)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
            .WithOptions(ConfigOptions.DisableLogFile);
        Summary summary = BenchmarkRunner.Run<CodecBenchmarks>(config);
        if (summary.HasCriticalValidationErrors)
        {
            throw new CodecBenchmarkException("BenchmarkDotNet refused to run the codec benchmarks: " +
                string.Join("; ", summary.ValidationErrors.Where(e => e.IsCritical).Select(e => e.Message)));
        }
        var measurements = new List<CodecMeasurement>();
        foreach (BenchmarkReport report in summary.Reports)
        {
            string name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            if (!report.Success || report.ResultStatistics is not { } statistics)
            {
                throw new CodecBenchmarkException($"benchmark {name} failed; BenchmarkDotNet's log (robotpolicy's log file) says why");
            }
            measurements.Add(new CodecMeasurement(name, statistics.Median, statistics.Mean, statistics.StandardDeviation, statistics.N,
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
        }
        var declared = typeof(CodecBenchmarks).GetMethods().Where(m => m.GetCustomAttribute<BenchmarkDotNet.Attributes.BenchmarkAttribute>() is not null)
            .Select(m => m.Name).ToList();
        return [.. measurements.OrderBy(m => declared.IndexOf(m.Name))];
    }

    private static bool IsDebugBuild(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is { IsJITOptimizerDisabled: true };
}

/// <summary>The codec benchmark cannot run, or cannot compare: the message says what is missing and how to get it.</summary>
public sealed class CodecBenchmarkException(string message) : Exception(message);
