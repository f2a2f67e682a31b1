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

    /// <summary>The measured distributions behind the summaries, by file-name stem ("step", "bare-run", "reference"), for .hgrm files.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, LatencyHistogram> Distributions { get; init; } = new Dictionary<string, LatencyHistogram>();
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

        // Each operation runs in blocks, re-warmed (unrecorded) at the start of its block, and the order of the three
        // rotates from block to block: the reference forward keeps its own copy of the weights, so whichever
        // operation ran right after it would otherwise pay the cache misses and look slower than it is.
        var operations = new List<(LatencyHistogram Histogram, Action<int> RunOne)>
        {
            (step, i => session.Step(frames[i % frames.Length], actions)),
            (bare, _ => session.RunBound()),
        };
        if (reference is not null)
        {
            operations.Add((refHist!, _ => reference(stacked, actions)));
        }
        int rewarm = Math.Min(options.Block, 50);
        long allocated = 0;
        int done = 0;
        for (int block = 0; done < options.Steps; block++)
        {
            int n = Math.Min(options.Block, options.Steps - done);
            session.BoundInput.CopyTo(stacked);
            for (int o = 0; o < operations.Count; o++)
            {
                var (histogram, runOne) = operations[(block + o) % operations.Count];
                for (int i = 0; i < rewarm; i++)
                {
                    runOne(done + i);
                }
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < n; i++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    runOne(done + i);
                    histogram.Record(ToNs(Stopwatch.GetTimestamp() - t0));
                }
                if (histogram == step)
                {
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
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
            MachineDescription.Current)
        {
            Distributions = refHist is null
                ? new Dictionary<string, LatencyHistogram> { ["step"] = step, ["bare-run"] = bare }
                : new Dictionary<string, LatencyHistogram> { ["step"] = step, ["bare-run"] = bare, ["reference"] = refHist },
        };
    }

    private static long ToNs(long ticks) => ticks * 1_000_000_000L / Stopwatch.Frequency;
}
