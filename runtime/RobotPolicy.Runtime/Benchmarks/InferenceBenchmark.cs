using System.Diagnostics;
using RobotPolicy.Runtime.Diagnostics;
using RobotPolicy.Runtime.Session;

namespace RobotPolicy.Runtime.Benchmarks;

/// <summary>A forward pass to compare the runtime against (the C# reference, supplied by the caller).</summary>
public delegate void PolicyForward(ReadOnlySpan<float> stackedObservation, Span<float> actions);

public sealed record InferenceBenchmarkOptions
{
    public int Steps { get; init; } = 20_000;

    public int Warmup { get; init; } = 2_000;

    /// <summary>Steps per block. Blocks of the three measured operations alternate, so that drift in the machine
    /// (frequency, other load) falls on all three alike instead of on whichever happened to run last.</summary>
    public int Block { get; init; } = 500;
}

public sealed record InferenceBenchmarkResult(
    string Bundle,
    string Provider,
    int FrameDim,
    int InputDim,
    int ActionDim,
    LatencySummary Step,
    LatencySummary BareOrtRun,
    LatencySummary? Reference,
    double AllocatedBytesPerStep,
    string Machine)
{
    /// <summary>Step p99 over bare ORT Run p99: the runtime's overhead as a ratio (goal: at most 1.5).</summary>
    public double StepOverBareP99 => Step.P99Us / BareOrtRun.P99Us;
}

/// <summary>
/// `bench infer`: the runtime's <see cref="PolicySession.Step"/> (history stacking, copies, ORT run), the bare ORT
/// run on the same bound buffers, and the C# reference forward, measured in one run on the same observations.
/// </summary>
public static class InferenceBenchmark
{
    public static InferenceBenchmarkResult Run(PolicySession session, PolicyForward? reference, InferenceBenchmarkOptions options,
        IProgress<double>? progress = null)
    {
        var rng = new Random(42);
        var frames = new float[16][];
        for (int i = 0; i < frames.Length; i++)
        {
            frames[i] = new float[session.FrameDim];
            for (int j = 0; j < session.FrameDim; j++)
            {
                frames[i][j] = (float)(rng.NextDouble() * 2 - 1);
            }
        }
        var stacked = new float[session.InputDim];
        var actions = new float[session.ActionDim];
        var step = new LatencyHistogram();
        var bare = new LatencyHistogram();
        var refHist = reference is null ? null : new LatencyHistogram();

        // Warm-up: JIT tiers, ORT's first-run allocations, caches.
        for (int i = 0; i < options.Warmup; i++)
        {
            session.Step(frames[i % frames.Length], actions);
            session.RunBound();
            reference?.Invoke(stacked, actions);
        }

        long allocated = 0;
        int done = 0;
        while (done < options.Steps)
        {
            int n = Math.Min(options.Block, options.Steps - done);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < n; i++)
            {
                var frame = frames[(done + i) % frames.Length];
                long t0 = Stopwatch.GetTimestamp();
                session.Step(frame, actions);
                step.Record(ToNs(Stopwatch.GetTimestamp() - t0));
            }
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;

            for (int i = 0; i < n; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                session.RunBound();
                bare.Record(ToNs(Stopwatch.GetTimestamp() - t0));
            }

            if (reference is not null)
            {
                session.BoundInput.CopyTo(stacked);
                for (int i = 0; i < n; i++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    reference(stacked, actions);
                    refHist!.Record(ToNs(Stopwatch.GetTimestamp() - t0));
                }
            }
            done += n;
            progress?.Report((double)done / options.Steps);
        }

        return new InferenceBenchmarkResult(
            session.Path, session.Provider, session.FrameDim, session.InputDim, session.ActionDim,
            LatencySummary.From("runtime Step", step),
            LatencySummary.From("bare ORT Run", bare),
            refHist is null ? null : LatencySummary.From("C# reference forward", refHist),
            (double)allocated / options.Steps,
            MachineDescription.Current);
    }

    private static long ToNs(long ticks) => ticks * 1_000_000_000L / Stopwatch.Frequency;
}
