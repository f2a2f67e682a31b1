using RobotPolicy.Bundle;
using RobotPolicy.Checkpoint.Model;
using RobotPolicy.Trainer.Domains.Common;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Trainer.Checkpoints;

/// <summary>
/// Writes a trained policy in the exporter's input format (model.json + weights.safetensors): the network and the
/// normalizer as tensors, and a model.json whose observation terms and history layout are exactly what the policy
/// was trained on (frame-major, oldest first, first frame repeated), so the deployed runtime feeds it the same
/// input. Continuous actions are the Gaussian mean mapped onto the action box by the graph's scale, offset and clip
/// (<see cref="ActionMapping"/>); discrete policies output logits. Every kind of run is written here, and only here.
/// </summary>
public static class PolicyExport
{
    /// <summary>A PPO run's policy: the teacher or student-rl actor, or for an aligned run its student (whose recorded
    /// environment steps add the closing imitation phase's, <paramref name="imitationEnvSteps"/>).</summary>
    public static string Write(string folder, PpoTrainer trainer, string domain, double controlPeriodSeconds, string? gitRevision, long imitationEnvSteps = 0) =>
        Write(folder, TrainedPolicies.FromPpo(trainer, domain, gitRevision, imitationEnvSteps), controlPeriodSeconds);

    /// <summary>An imitation (DAgger or BC) student.</summary>
    public static string Write(string folder, DaggerTrainer imitation, string domain, double controlPeriodSeconds, string? gitRevision) =>
        Write(folder, TrainedPolicies.FromImitation(imitation, domain, gitRevision), controlPeriodSeconds);

    private static string Write(string folder, TrainedPolicy policy, double controlPeriodSeconds)
    {
        var space = policy.ActionSpace;
        int outputs = space.Discrete ? space.Count : space.Dim;
        var names = ActionNames.For(space).ToList();
        var tensors = new List<(string, long[], float[])>(policy.Network.Tensors);
        NormalizerSpec? normalizer = null;
        if (policy.Normalizer is { } n)
        {
            tensors.Add(("obs_normalizer.mean", [n.Mean.Length], n.Mean));
            tensors.Add(("obs_normalizer.std", [n.Std.Length], n.Std));
            normalizer = new NormalizerSpec { Mean = "obs_normalizer.mean", Std = "obs_normalizer.std", Clip = n.Clip };
        }

        var description = new ModelDescription
        {
            Weights = "weights.safetensors",
            Observation = new ObservationSpec { Terms = policy.Terms, HistoryLayout = HistoryLayouts.FrameMajor, HistoryInit = HistoryInits.RepeatFirst },
            Action = new ActionSpec
            {
                Names = names,
                Scale = Enumerable.Range(0, outputs).Select(d => space.Discrete ? 1f : ActionMapping.Scale(space, d)).ToArray(),
                Offset = Enumerable.Range(0, outputs).Select(d => space.Discrete ? 0f : ActionMapping.Offset(space, d)).ToArray(),
                ClipLow = space.Discrete ? Enumerable.Repeat(float.NegativeInfinity, outputs).ToArray() : space.Low,
                ClipHigh = space.Discrete ? Enumerable.Repeat(float.PositiveInfinity, outputs).ToArray() : space.High,
            },
            Control = new ControlSpec { PeriodSeconds = controlPeriodSeconds },
            Provenance = policy.Provenance,
            Training = policy.Training,
            Normalizer = normalizer,
            Layers = policy.Network.Layers,
        };
        return ModelDescriptionFiles.Save(folder, description, tensors);
    }
}
