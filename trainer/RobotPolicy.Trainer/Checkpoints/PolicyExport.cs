using RobotPolicy.Bundle;
using RobotPolicy.Checkpoint.Model;
using RobotPolicy.Trainer.Engine.Modules;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Trainer.Checkpoints;

/// <summary>
/// Writes a trained actor in the exporter's input format: the normalizer and actor layers as tensors, and a
/// model.json whose observation terms and history layout are exactly what the actor was trained on
/// (frame-major, oldest first, first frame repeated), so the deployed runtime feeds it the same input.
/// Continuous actions are the Gaussian mean mapped onto the action box by the graph's scale, offset and clip
/// (<see cref="ActionMapping"/>); discrete policies output logits.
/// </summary>
public static class PolicyExport
{
    public static string Write(string folder, PpoTrainer trainer, string domain, double controlPeriodSeconds, string? gitRevision)
    {
        if (trainer.Config.Alignment is not null)
        {
            throw new NotSupportedException("an aligned student cannot be written for export yet: the exporter has no L2-normalize layer");
        }
        if (trainer.IsRecurrent)
        {
            throw new NotSupportedException("a GRU student cannot be written for export yet: policy bundles have no recurrent state (h_in/h_out)");
        }
        var env = trainer.Env;
        var space = env.ActionSpace;
        List<ObservationTerm> terms = trainer.Agent == AgentKind.Teacher
            ? [new ObservationTerm { Name = "privileged", Dim = env.TeacherObsDim, History = 1 }]
            : env.StudentObsTerms.Select(t => new ObservationTerm { Name = t.Name, Dim = t.Dim, History = trainer.Config.StudentHistory }).ToList();
        int outputs = space.Discrete ? space.Count : space.Dim;
        var names = Enumerable.Range(0, outputs).Select(i => space.Discrete ? $"logit_{i}" : $"action_{i}").ToList();

        var tensors = new List<(string, long[], float[])>();
        var layers = new List<LayerSpec>();
        var actor = trainer.Model.Actor.Children;
        for (int i = 0; i < actor.Count; i++)
        {
            switch (actor[i])
            {
                case Linear l:
                    tensors.Add(($"actor.{i}.weight", l.weight.shape, l.weight.ToArray()));
                    tensors.Add(($"actor.{i}.bias", l.bias!.shape, l.bias.ToArray()));
                    layers.Add(new LayerSpec { Op = LayerOps.Linear, Weight = $"actor.{i}.weight", Bias = $"actor.{i}.bias" });
                    break;
                case Tanh:
                    layers.Add(new LayerSpec { Op = LayerOps.Tanh });
                    break;
                default:
                    throw new NotSupportedException($"actor layer {actor[i].GetType().Name} has no export");
            }
        }

        NormalizerSpec? normalizer = null;
        if (trainer.Config.NormalizeObservations)
        {
            tensors.Add(("obs_normalizer.mean", [trainer.ActorDim], trainer.ActorNormalizer.Mean));
            tensors.Add(("obs_normalizer.std", [trainer.ActorDim], trainer.ActorNormalizer.Std));
            normalizer = new NormalizerSpec { Mean = "obs_normalizer.mean", Std = "obs_normalizer.std", Clip = trainer.ActorNormalizer.Clip };
        }

        var description = new ModelDescription
        {
            Weights = "weights.safetensors",
            Observation = new ObservationSpec { Terms = terms, HistoryLayout = HistoryLayouts.FrameMajor, HistoryInit = HistoryInits.RepeatFirst },
            Action = new ActionSpec
            {
                Names = names,
                Scale = Enumerable.Range(0, outputs).Select(d => space.Discrete ? 1f : ActionMapping.Scale(space, d)).ToArray(),
                Offset = Enumerable.Range(0, outputs).Select(d => space.Discrete ? 0f : ActionMapping.Offset(space, d)).ToArray(),
                ClipLow = space.Discrete ? Enumerable.Repeat(float.NegativeInfinity, outputs).ToArray() : space.Low,
                ClipHigh = space.Discrete ? Enumerable.Repeat(float.PositiveInfinity, outputs).ToArray() : space.High,
            },
            Control = new ControlSpec { PeriodSeconds = controlPeriodSeconds },
            Provenance = new Provenance
            {
                Domain = domain,
                Method = "ppo",
                Agent = AgentNames.Of(trainer),
                Seed = trainer.Seed,
                TrainingSteps = trainer.EnvSteps,
                GitRevision = gitRevision,
                Notes = space.Discrete ? "discrete policy: actions are logits; act with argmax" : null,
            },
            Normalizer = normalizer,
            Layers = layers,
        };
        return ModelDescriptionFiles.Save(folder, description, tensors);
    }
}
