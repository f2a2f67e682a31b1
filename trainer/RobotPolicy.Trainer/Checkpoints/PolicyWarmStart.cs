using RobotPolicy.Checkpoint.Model;
using RobotPolicy.Checkpoint.Safetensors;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp.Modules;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Trainer.Checkpoints;

/// <summary>
/// Starts a student's PPO from a policy written for export (model.json + weights): the actor's layers and the
/// observation normalizer. This is the "DAgger, then PPO fine-tuning" baseline: the imitation student, improved
/// by RL on its own observations. The critic starts fresh (an imitation student has none).
/// </summary>
public static class PolicyWarmStart
{
    /// <summary>
    /// The normalizer's statistics count as this many samples, so fine-tuning barely moves them: the warm-started
    /// network's first layer was fitted to exactly these statistics, and shifting them would change what it sees.
    /// </summary>
    public const double NormalizerPseudoCount = 1e6;

    /// <summary>Finds model.json for a run folder (DIR/policy/model.json), a policy folder, or the file itself.</summary>
    public static string Resolve(string path)
    {
        foreach (var candidate in new[] { path, Path.Combine(path, "model.json"), Path.Combine(path, "policy", "model.json") })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"no policy to start from at {path} (looked for model.json there and in policy/)");
    }

    public static void Load(string modelJson, PpoTrainer trainer)
    {
        if (trainer.Agent != AgentKind.StudentRl || trainer.IsRecurrent || trainer.Config.Alignment is not null)
        {
            throw new ArgumentException("only a stacked-history student (train --agent student-rl) can start from a policy");
        }
        var description = ModelDescriptionJson.Load(modelJson);
        string folder = Path.GetDirectoryName(Path.GetFullPath(modelJson))!;
        var weights = SafetensorsFile.Read(Path.Combine(folder, description.Weights));
        int inputs = description.Observation.Terms.Sum(t => t.Dim * t.History);
        if (inputs != trainer.ActorDim)
        {
            throw new ArgumentException($"{modelJson}: the policy reads {inputs} observation values; this student reads {trainer.ActorDim} (check --history and --domain)");
        }

        var children = trainer.Model.Actor.children().ToList();
        var linears = children.OfType<Linear>().ToList();
        var specs = description.Layers.Where(l => l.Op == LayerOps.Linear).ToList();
        if (specs.Count != linears.Count || description.Layers.Count != children.Count)
        {
            throw new ArgumentException($"{modelJson}: {description.Layers.Count} layers ({specs.Count} linear); this student's actor has {children.Count} ({linears.Count} linear) (check --hidden)");
        }
        for (int i = 0; i < linears.Count; i++)
        {
            Copy(weights, specs[i].Weight!, linears[i].weight!, modelJson);
            Copy(weights, specs[i].Bias!, linears[i].bias!, modelJson);
        }
        if (description.Normalizer is { } n && trainer.Config.NormalizeObservations)
        {
            var mean = weights.ReadFloat32(n.Mean).Select(v => (double)v).ToArray();
            var std = weights.ReadFloat32(n.Std);
            var m2 = std.Select(s => Math.Max(0, (double)s * s - trainer.ActorNormalizer.Epsilon) * NormalizerPseudoCount).ToArray();
            trainer.ActorNormalizer.Restore(mean, m2, NormalizerPseudoCount);
        }
    }

    private static void Copy(SafetensorsFile weights, string name, TorchSharp.torch.Tensor target, string source)
    {
        var values = weights.ReadFloat32(name);
        if (values.Length != target.numel())
        {
            throw new ArgumentException($"{source}: tensor {name} has {values.Length} values; the student's layer has {target.numel()} (check --hidden)");
        }
        target.Assign(values);
    }
}
