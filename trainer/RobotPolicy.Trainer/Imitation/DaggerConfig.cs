namespace RobotPolicy.Trainer.Imitation;

/// <summary>Settings of the imitation phase (behaviour cloning is DAgger with one, teacher-driven, iteration).</summary>
public sealed record DaggerConfig
{
    public int NumEnvs { get; init; } = 64;

    /// <summary>Steps per env collected in each iteration.</summary>
    public int StepsPerIteration { get; init; } = 64;

    /// <summary>Iterations; the first is driven by the teacher (β = 1), the rest by the student (β = 0).</summary>
    public int Iterations { get; init; } = 10;

    public int Epochs { get; init; } = 4;

    public int MinibatchSize { get; init; } = 256;

    public double LearningRate { get; init; } = 1e-3;

    public int[] Hidden { get; init; } = [64, 64];

    public int StudentHistory { get; init; } = 4;

    /// <summary>Most recent samples kept in the aggregated dataset.</summary>
    public int MaxDataset { get; init; } = 200_000;

    /// <summary>DAgger (student-driven collection after the first iteration) or plain behaviour cloning.</summary>
    public bool StudentDrivesCollection { get; init; } = true;
}
