namespace RobotPolicy.Trainer.Rl;

/// <summary>Which policy is trained: the privileged teacher, or a student by RL on its own observations.</summary>
public enum AgentKind
{
    /// <summary>Actor and critic see the privileged (teacher) observation.</summary>
    Teacher,

    /// <summary>Actor sees the stacked student history; the critic sees the privileged observation (asymmetric).</summary>
    StudentRl,
}

/// <summary>
/// PPO hyper-parameters. Defaults suit the small privileged-information domains on 2 cores.
/// Settable (not init-only) on purpose: checkpoints store this as JSON, and the source-generated reader gives a
/// missing init-only property default(T) rather than its initializer, so a checkpoint written before a setting
/// existed would come back with 0 or null for it.
/// </summary>
public sealed record PpoConfig
{
    public int NumEnvs { get; set; } = 64;
    public int RolloutSteps { get; set; } = 64;
    public int Epochs { get; set; } = 5;
    public int Minibatches { get; set; } = 8;
    public float Gamma { get; set; } = 0.99f;
    public float Lambda { get; set; } = 0.95f;
    public double LearningRate { get; set; } = 1e-3;

    /// <summary><see cref="LearningRateSchedules"/>: adaptive (KL-driven, as rsl_rl), linear (annealed to 0) or constant.</summary>
    public string LearningRateSchedule { get; set; } = LearningRateSchedules.Adaptive;

    /// <summary>The KL per update the adaptive schedule aims for.</summary>
    public float DesiredKl { get; set; } = 0.01f;

    /// <summary>Divide rewards by the running std of discounted returns (see <see cref="RewardScaler"/>).</summary>
    public bool ScaleRewards { get; set; } = true;
    public float MaxGradNorm { get; set; } = 0.5f;

    /// <summary>Stop an update's remaining epochs once the approximate KL passes 1.5× this; null = never.</summary>
    public float? TargetKl { get; set; } = 0.05f;

    public PpoLossSettings Loss { get; set; } = new();
    public int[] Hidden { get; set; } = [64, 64];
    public float InitialLogStd { get; set; }
    public bool NormalizeObservations { get; set; } = true;

    /// <summary>
    /// Stop updating the observation normalizers once this many environment steps are done (checked at each rollout's
    /// start); null: never. An experiment knob: with the aligned method the encoders are shaped by the alignment
    /// alone, so drifting input statistics were a suspect for runs that find the goal and lose it again; freezing
    /// them after 80,000 steps did not make point-mass more reliable over 9 seeds (docs/experiments.md, "Open questions").
    /// </summary>
    public long? FreezeNormalizersAfterSteps { get; set; }

    /// <summary>Student frames stacked into the student actor's input (the "history" encoder).</summary>
    public int StudentHistory { get; set; } = 4;

    /// <summary><see cref="StudentEncoders"/>: how a student remembers: stacked frames, or a GRU over its frames.</summary>
    public string StudentEncoder { get; set; } = StudentEncoders.History;

    /// <summary>The aligned method's settings; null = plain PPO (see <see cref="AlignmentConfig"/>).</summary>
    public AlignmentConfig? Alignment { get; set; }

    /// <summary>Hidden size of the GRU student's recurrent state.</summary>
    public int GruHidden { get; set; } = 64;

    /// <summary>Steps per truncated-BPTT sequence for the GRU student; must divide RolloutSteps.</summary>
    public int SequenceLength { get; set; } = 16;

    public int BatchSize => NumEnvs * RolloutSteps;

    public int MinibatchSize => BatchSize / Minibatches;

    public void Validate()
    {
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message);
            }
        }
        Require(NumEnvs >= 1, $"num-envs must be at least 1, got {NumEnvs}");
        Require(RolloutSteps >= 1, $"rollout-steps must be at least 1, got {RolloutSteps}");
        Require(Epochs >= 1, $"epochs must be at least 1, got {Epochs}");
        Require(Minibatches >= 1 && BatchSize % Minibatches == 0, $"minibatches ({Minibatches}) must divide the batch of {BatchSize} (num-envs x rollout-steps)");
        Require(Gamma is > 0 and <= 1, $"gamma must be in (0, 1], got {Gamma}");
        Require(Lambda is >= 0 and <= 1, $"lambda must be in [0, 1], got {Lambda}");
        Require(LearningRate > 0, $"learning rate must be positive, got {LearningRate}");
        Require(LearningRateSchedules.All.Contains(LearningRateSchedule), $"learning rate schedule '{LearningRateSchedule}' is not one of {string.Join(", ", LearningRateSchedules.All)}");
        Require(Hidden.Length >= 1 && Hidden.All(h => h >= 1), "hidden layer sizes must be positive");
        Require(StudentHistory >= 1, $"student history must be at least 1, got {StudentHistory}");
        Require(StudentEncoders.All.Contains(StudentEncoder), $"student encoder '{StudentEncoder}' is not one of {string.Join(", ", StudentEncoders.All)}");
        if (Alignment is { } a)
        {
            Require(a.EmbeddingDim >= 1, $"embedding size must be positive, got {a.EmbeddingDim}");
            Require(a.Temperature > 0, $"InfoNCE temperature must be positive, got {a.Temperature}");
            Require(AlignmentStyles.All.Contains(a.Style), $"alignment style '{a.Style}' is not one of {string.Join(", ", AlignmentStyles.All)}");
            Require(a.KlRewardWeight >= 0 && a.FeatureAlignWeight >= 0 && a.ActionAlignWeight >= 0, "SITT weights (KL reward, feature and action alignment) must be non-negative");
            Require(a.ContrastiveWeight >= 0 && a.PositivePull >= 0 && a.Coefficient >= 0 && a.HeadConsistency >= 0,
                "alignment weights (contrastive, positive pull, coefficient, head consistency) must be non-negative");
            Require(a.RlGradientIntoTeacherEncoder >= 0 && a.AlignGradIntoTeacherEncoder >= 0 && a.AlignGradIntoStudentEncoder >= 0,
                "gradient factors (rl-grad-into-encoder, align-grad-into-teacher, align-grad-into-student) must be non-negative");
            Require(a.EncoderLearningRate is null or > 0, $"encoder learning rate must be positive, got {a.EncoderLearningRate}");
            Require(StudentEncoder == StudentEncoders.History, "the aligned method uses the stacked-history student encoder");
        }
        if (StudentEncoder == StudentEncoders.Gru)
        {
            Require(GruHidden >= 1, $"gru hidden size must be positive, got {GruHidden}");
            Require(SequenceLength >= 1 && RolloutSteps % SequenceLength == 0, $"sequence length ({SequenceLength}) must divide rollout-steps ({RolloutSteps})");
            int sequences = NumEnvs * (RolloutSteps / SequenceLength);
            Require(sequences % Minibatches == 0, $"minibatches ({Minibatches}) must divide the {sequences} GRU sequences (num-envs x rollout-steps / sequence-length)");
        }
    }
}

public static class LearningRateSchedules
{
    public const string Adaptive = "adaptive";
    public const string Linear = "linear";
    public const string Constant = "constant";
    public static readonly string[] All = [Adaptive, Linear, Constant];
}

public static class StudentEncoders
{
    public const string History = "history";
    public const string Gru = "gru";
    public static readonly string[] All = [History, Gru];
}
