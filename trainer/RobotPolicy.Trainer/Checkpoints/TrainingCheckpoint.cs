using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RobotPolicy.Checkpoint;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Checkpoint.Safetensors;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;
using RobotPolicy.Trainer.TorchExtensions;

namespace RobotPolicy.Trainer.Checkpoints;

/// <summary>
/// Saves and restores a PPO run: checkpoint.safetensors holds the model ("model.*"), Adam's moments
/// ("adam.m.*", "adam.v.*") and, in its metadata, the <see cref="TrainingState"/>. It is written atomically, so a
/// run killed at any moment leaves the previous complete checkpoint. checkpoint.json is a readable copy.
/// </summary>
public static class TrainingCheckpoint
{
    public const string FileName = "checkpoint.safetensors";
    public const string SidecarName = "checkpoint.json";
    private const string StateKey = "robotpolicy.training_state";

    public static void Save(string directory, PpoTrainer trainer, string domain, long totalSteps, double? recentReturn, string? gitRevision,
        AlignedImitationConfig? imitation = null)
    {
        var (am, am2, ac) = trainer.ActorNormalizer.State;
        var (cm, cm2, cc) = trainer.CriticNormalizer.State;
        var rs = trainer.RewardScaler.State;
        var state = new TrainingState
        {
            Domain = domain,
            Agent = AgentNames.Of(trainer),
            Seed = trainer.Seed,
            Config = trainer.Config,
            TotalSteps = totalSteps,
            Imitation = trainer.Config.Alignment is null ? null : imitation ?? new AlignedImitationConfig { Method = ImitationMethods.None },
            UpdatesDone = trainer.UpdatesDone,
            EnvSteps = trainer.EnvSteps,
            OptimizerSteps = trainer.Optimizer.Steps,
            LearningRate = trainer.Optimizer.LearningRate,
            RewardScaler = new NormalizerState { Mean = [rs.Mean], M2 = [rs.M2], Count = rs.Count },
            TorchGenerator = TorchGenerators.Save(trainer.Generator),
            ActorNormalizer = new NormalizerState { Mean = am, M2 = am2, Count = ac },
            CriticNormalizer = new NormalizerState { Mean = cm, M2 = cm2, Count = cc },
            LastRecentReturn = recentReturn is double r && double.IsFinite(r) ? r : null,
            SavedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            GitRevision = gitRevision,
        };
        string json = JsonSerializer.Serialize(state, TrainingStateJsonContext.Default.TrainingState);

        var writer = new SafetensorsWriter().AddMetadata(StateKey, json);
        var named = trainer.Model.named_parameters().ToList();
        for (int i = 0; i < named.Count; i++)
        {
            var (name, p) = named[i];
            writer.AddFloat32("model." + name, p.shape, p.ToFloats());
            writer.AddFloat32("adam.m." + name, p.shape, trainer.Optimizer.FirstMoment(i));
            writer.AddFloat32("adam.v." + name, p.shape, trainer.Optimizer.SecondMoment(i));
        }
        Directory.CreateDirectory(directory);
        writer.Save(Path.Combine(directory, FileName));
        AtomicFile.WriteAllText(Path.Combine(directory, SidecarName), json);
    }

    /// <summary>Reads the state without building anything (to create a matching trainer before <see cref="Restore"/>).</summary>
    public static TrainingState ReadState(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new CheckpointFormatException($"{path}: no checkpoint to resume from");
        }
        var file = SafetensorsFile.Read(path);
        if (!file.Metadata.TryGetValue(StateKey, out var json))
        {
            throw new CheckpointFormatException($"{path}: metadata has no '{StateKey}'; not a robotpolicy training checkpoint");
        }
        TrainingState? state;
        try
        {
            state = JsonSerializer.Deserialize(json, TrainingStateJsonContext.Default.TrainingState);
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException($"{path}: training state is invalid: {RobotPolicy.Bundle.JsonErrorText.Describe(e)}", e);
        }
        if (state is null || state.SchemaVersion is < 1 or > TrainingState.CurrentSchemaVersion)
        {
            throw new CheckpointFormatException($"{path}: training state schema_version {state?.SchemaVersion} is not 1..{TrainingState.CurrentSchemaVersion}");
        }
        if (state.SchemaVersion == 1 && state.Config.Alignment is { } alignment)
        {
            // Version 1 aligned runs trained without head consistency: a resumed one goes on as it began.
            state.Config = state.Config with { Alignment = alignment with { HeadConsistency = 0f } };
        }
        return state;
    }

    /// <summary>Loads parameters, optimizer moments, normalizers, generator and progress into a trainer built from the same state.</summary>
    /// <summary>Loads the checkpoint into <paramref name="trainer"/>; true when its generator had to be seeded anew
    /// (a checkpoint from before schema 3).</summary>
    public static bool Restore(string directory, PpoTrainer trainer)
    {
        string path = Path.Combine(directory, FileName);
        var state = ReadState(directory);
        var file = SafetensorsFile.Read(path);
        var named = trainer.Model.named_parameters().ToList();
        var m = new float[named.Count][];
        var v = new float[named.Count][];
        for (int i = 0; i < named.Count; i++)
        {
            var (name, p) = named[i];
            var values = new float[p.numel()];
            Load(file, "model." + name, values, path);
            p.Assign(values);
            m[i] = new float[values.Length];
            v[i] = new float[values.Length];
            Load(file, "adam.m." + name, m[i], path);
            Load(file, "adam.v." + name, v[i], path);
        }
        trainer.Optimizer.Load(state.OptimizerSteps, m, v);
        trainer.Optimizer.LearningRate = state.LearningRate;
        if (state.RewardScaler.Mean.Length == 1)
        {
            trainer.RewardScaler.Restore(state.RewardScaler.Mean[0], state.RewardScaler.M2[0], state.RewardScaler.Count);
        }
        trainer.ActorNormalizer.Restore(state.ActorNormalizer.Mean, state.ActorNormalizer.M2, state.ActorNormalizer.Count);
        trainer.CriticNormalizer.Restore(state.CriticNormalizer.Mean, state.CriticNormalizer.M2, state.CriticNormalizer.Count);
        bool reseeded = state.TorchGenerator.Length == 0;
        if (reseeded)
        {
            // Written before the trainer ran on libtorch: that engine's generator has no libtorch equivalent.
            trainer.Generator.manual_seed(unchecked(state.Seed + 104_729L * state.UpdatesDone));
        }
        else
        {
            TorchGenerators.Restore(trainer.Generator, state.TorchGenerator, path);
        }
        trainer.RestoreProgress(state.UpdatesDone, state.EnvSteps);
        return reseeded;
    }

    private static void Load(SafetensorsFile file, string name, float[] destination, string path)
    {
        if (!file.TryGet(name, out var info))
        {
            throw new CheckpointFormatException($"{path}: tensor '{name}' is missing; the checkpoint does not match this model");
        }
        if (info.ElementCount != destination.Length)
        {
            throw new CheckpointFormatException($"{path}: tensor '{name}' has {info.ElementCount} values; the model expects {destination.Length}");
        }
        file.ReadFloat32(name, destination);
    }
}

/// <summary>The command-line names of agents.</summary>
public static class AgentNames
{
    public const string Teacher = "teacher";
    public const string StudentRl = "student-rl";

    /// <summary>The aligned method: a teacher trained by PPO on an embedding aligned with the student's.</summary>
    public const string Aligned = "aligned";

    /// <summary>The SITT-style baseline: the same architecture, teacher rewarded for imitability, L1 alignment.</summary>
    public const string Sitt = "sitt";

    public static readonly string[] All = [Teacher, StudentRl, Aligned, Sitt];

    public static string Of(AgentKind agent) => agent == AgentKind.Teacher ? Teacher : StudentRl;

    public static string Of(PpoTrainer trainer) => trainer.Config.Alignment switch
    {
        null => Of(trainer.Agent),
        { Style: AlignmentStyles.Sitt } => Sitt,
        _ => Aligned,
    };

    public static AgentKind Parse(string name) => name switch
    {
        Teacher or Aligned or Sitt => AgentKind.Teacher,
        StudentRl => AgentKind.StudentRl,
        _ => throw new ArgumentException($"unknown agent '{name}'; expected one of {string.Join(", ", All)}"),
    };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(TrainingState))]
internal sealed partial class TrainingStateJsonContext : JsonSerializerContext;
