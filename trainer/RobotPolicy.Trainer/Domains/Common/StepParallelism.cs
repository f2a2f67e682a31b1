namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>
/// How a batch splits its copies over threads. A step of one copy costs tens of nanoseconds, while handing work
/// to the thread pool costs microseconds, so a batch only goes parallel when every chunk gets enough copies to
/// pay for that. Results never depend on these settings (each copy has its own state and random stream).
/// </summary>
public sealed record StepParallelism(int MinEnvsPerChunk, int MaxDegreeOfParallelism)
{
    /// <summary>Chunks of at least 1024 copies, as many as there are processors.</summary>
    public static StepParallelism Default { get; } = new(1024, Environment.ProcessorCount);

    /// <summary>Always on the calling thread (small batches, allocation tests, a robot's control loop).</summary>
    public static StepParallelism SingleThreaded { get; } = new(int.MaxValue, 1);

    /// <summary>How many chunks <paramref name="numEnvs"/> copies split into; 1 means "stay on the calling thread".</summary>
    public int ChunkCount(int numEnvs)
    {
        if (MinEnvsPerChunk < 1)
        {
            throw new InvalidOperationException($"MinEnvsPerChunk must be at least 1, not {MinEnvsPerChunk}.");
        }
        if (MaxDegreeOfParallelism < 1)
        {
            throw new InvalidOperationException($"MaxDegreeOfParallelism must be at least 1, not {MaxDegreeOfParallelism}.");
        }
        return Math.Max(1, Math.Min(MaxDegreeOfParallelism, numEnvs / MinEnvsPerChunk));
    }
}
