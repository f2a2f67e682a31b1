namespace RobotPolicy.Trainer.Imitation;

/// <summary>
/// The aligned method's closing imitation phase: a few rounds in which the student encoder learns to give the
/// shared head what the teacher's embedding gives it. Short on purpose: alignment already did most of the work.
/// </summary>
public sealed record AlignedImitationConfig
{
    /// <summary>dagger (student drives after the first round) or bc (the teacher drives every round).</summary>
    public string Method { get; init; } = ImitationMethods.Dagger;

    public int Iterations { get; init; } = 3;

    public int NumEnvs { get; init; } = 64;

    public int StepsPerIteration { get; init; } = 64;

    public int Epochs { get; init; } = 4;

    public int MinibatchSize { get; init; } = 256;

    public double LearningRate { get; init; } = 3e-4;

    /// <summary>Keep the policy head as PPO left it (default): only the student encoder moves.</summary>
    public bool FreezeHead { get; init; } = true;

    /// <summary>
    /// The environment steps the phase takes: one collection per round plus the scoring of the students on their own
    /// states (see <see cref="AlignedImitation"/>): DAgger scores on its own rounds' collections, so only the student
    /// PPO left (before the teacher's round) and the last one add collections; BC scores every student separately.
    /// </summary>
    public long EnvSteps => Method == ImitationMethods.None || Iterations == 0
        ? 0
        : (Method == ImitationMethods.Bc ? 2L * Iterations + 1 : Iterations + 2L) * NumEnvs * StepsPerIteration;

    public void Validate()
    {
        if (!ImitationMethods.All.Contains(Method))
        {
            throw new ArgumentException($"imitation method '{Method}' is not one of {string.Join(", ", ImitationMethods.All)}");
        }
        if (Iterations < 0 || NumEnvs < 1 || StepsPerIteration < 1 || Epochs < 1 || MinibatchSize < 1 || !(LearningRate > 0))
        {
            throw new ArgumentException("imitation iterations must be >= 0, and envs, steps, epochs, minibatch size and learning rate positive");
        }
    }
}

public static class ImitationMethods
{
    public const string Dagger = "dagger";
    public const string Bc = "bc";
    public const string None = "none";
    public static readonly string[] All = [Dagger, Bc, None];
}
