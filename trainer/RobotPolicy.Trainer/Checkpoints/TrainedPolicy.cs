using RobotPolicy.Bundle;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Trainer.Checkpoints;

/// <summary>
/// What model.json needs from a trained policy, whichever trainer made it: the observation terms it reads (with
/// history), its network from stacked observation to raw action, the observation statistics it was normalized by,
/// and how it was trained. <see cref="TrainedPolicies"/> gathers it; <see cref="PolicyExport"/> writes it.
/// </summary>
internal sealed record TrainedPolicy(
    ActionSpace ActionSpace,
    List<ObservationTerm> Terms,
    PolicyNetwork Network,
    NormalizerValues? Normalizer,
    TrainingRecord Training,
    Provenance Provenance);

/// <summary>Frozen observation statistics as the bundle applies them: clip((x − Mean) / Std, −Clip, Clip).</summary>
internal sealed record NormalizerValues(float[] Mean, float[] Std, float Clip)
{
    /// <summary>Columns [<paramref name="first"/>, first + width) of a running normalizer (all of it by default).</summary>
    public static NormalizerValues Of(RunningNormalizer normalizer, int first = 0, int? width = null)
    {
        int count = width ?? normalizer.Dim - first;
        return new NormalizerValues(normalizer.Mean[first..(first + count)], normalizer.Std[first..(first + count)], normalizer.Clip);
    }
}
