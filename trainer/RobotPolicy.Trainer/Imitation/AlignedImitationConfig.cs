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

    /// <summary>A round's collection is <see cref="NumEnvs"/> × this many steps, cut into whole episodes where they are longer (<see cref="RoundSteps"/>).</summary>
    public int StepsPerIteration { get; init; } = 64;

    public int Epochs { get; init; } = 4;

    public int MinibatchSize { get; init; } = 256;

    public double LearningRate { get; init; } = 3e-4;

    /// <summary>Keep the policy head as PPO left it (default): only the student encoder moves.</summary>
    public bool FreezeHead { get; init; } = true;

    /// <summary>
    /// Steps per environment a round collects on a domain whose episodes last <paramref name="horizon"/> steps: at
    /// least one whole episode, on fewer environments when episodes are longer than <see cref="StepsPerIteration"/>
    /// (<see cref="RoundEnvs"/>), so a round costs what it costs on any domain. With rounds shorter than an episode
    /// the student drove only the stretch after the teacher's round (on the arm, 200 steps against 64: steps 64 to
    /// 191), and DAgger never labelled the states its own reach led to.
    /// </summary>
    public int RoundSteps(int horizon) => Math.Max(StepsPerIteration, horizon);

    /// <summary>Environments a round collects on: <see cref="NumEnvs"/>, or as many whole episodes as its steps hold.</summary>
    public int RoundEnvs(int horizon) => horizon <= StepsPerIteration ? NumEnvs : ScoringEnvs(horizon);

    /// <summary>
    /// Environments the students are scored on: as many whole episodes (from the same starts every time, see
    /// <see cref="AlignedImitation"/>) as fit in one round's collection, at least one.
    /// </summary>
    public int ScoringEnvs(int horizon) => Math.Max(1, NumEnvs * StepsPerIteration / Math.Max(1, horizon));

    /// <summary>
    /// The environment steps the phase takes on a domain whose episodes last <paramref name="horizon"/> steps: one
    /// collection per round, and a scoring of whole episodes for the student PPO left and for each round's.
    /// </summary>
    public long EnvSteps(int horizon) => Method == ImitationMethods.None || Iterations == 0
        ? 0
        : (long)Iterations * RoundEnvs(horizon) * RoundSteps(horizon) + (Iterations + 1L) * ScoringEnvs(horizon) * horizon;

    public void Validate()
    {
        if (!ImitationMethods.All.Contains(Method))
        {
            throw new ArgumentException($"imitation method '{Method}' is not one of {string.Join(", ", ImitationMethods.All)}");
        }
        // One message per field, naming the value, so a bad command line says which of its numbers is wrong.
        Require(Iterations >= 0, $"imitation rounds must be 0 or more (got {Iterations})");
        Require(NumEnvs >= 1, $"imitation environments must be positive (got {NumEnvs})");
        Require(StepsPerIteration >= 1, $"imitation steps per round must be positive (got {StepsPerIteration})");
        Require(Epochs >= 1, $"imitation epochs must be positive (got {Epochs})");
        Require(MinibatchSize >= 1, $"imitation minibatch size must be positive (got {MinibatchSize})");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"imitation learning rate must be a positive number (got {LearningRate})");
    }

    private static void Require(bool valid, string message)
    {
        if (!valid)
        {
            throw new ArgumentException(message);
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
