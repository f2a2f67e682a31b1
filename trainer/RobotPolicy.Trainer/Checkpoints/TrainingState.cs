using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Trainer.Checkpoints;

/// <summary>
/// Everything about a training run that is not a tensor: what was trained, with which settings, how far it got,
/// and the exact state of its random generator and normalizers. Stored as JSON inside the checkpoint's
/// safetensors metadata (the file that is written atomically) and copied to checkpoint.json for people.
/// </summary>
public sealed class TrainingState
{
    /// <summary>2 added <see cref="Imitation"/> and the aligned method's head consistency; a version 1 state still
    /// reads, as what it was: no head consistency, and the imitation phase taken from the command line. 3: the
    /// trainer on libtorch, whose generator state is <see cref="TorchGenerator"/>; a version 1-2 state (written by
    /// the trainer's earlier engine) resumes its weights, moments and normalizers, and draws from a generator
    /// seeded anew from the run's seed and update count.</summary>
    public const int CurrentSchemaVersion = 3;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;
    public required string Domain { get; set; }
    public required string Agent { get; set; }
    public required int Seed { get; set; }
    public required PpoConfig Config { get; set; }
    /// <summary>PPO's share of the run's environment steps (an aligned run's imitation phase takes the rest).</summary>
    public required long TotalSteps { get; set; }

    /// <summary>An aligned run's closing imitation phase, kept so that a resumed run finishes as it started: a config
    /// with method "none" where it has none; null for runs without alignment and in version 1 states.</summary>
    public AlignedImitationConfig? Imitation { get; set; }
    public int UpdatesDone { get; set; }
    public long EnvSteps { get; set; }
    public long OptimizerSteps { get; set; }

    /// <summary>The learning rate in force (the adaptive schedule changes it as it goes).</summary>
    public double LearningRate { get; set; }

    public NormalizerState RewardScaler { get; set; } = new();
    /// <summary>libtorch's CPU generator state (schema 3); empty in older states.</summary>
    public byte[] TorchGenerator { get; set; } = [];

    /// <summary>The earlier engine's generator (schema 1-2), read so such a checkpoint is recognised; not resumable.</summary>
    public ulong[] GeneratorWords { get; set; } = [];
    public NormalizerState ActorNormalizer { get; set; } = new();
    public NormalizerState CriticNormalizer { get; set; } = new();
    public double? LastRecentReturn { get; set; }
    public string SavedUtc { get; set; } = "";
    public string? GitRevision { get; set; }
}

public sealed class NormalizerState
{
    public double[] Mean { get; set; } = [];
    public double[] M2 { get; set; } = [];
    public double Count { get; set; }
}
