namespace RobotPolicy.Trainer.Rl;

/// <summary>Loss and KL diagnostics summed over an update's minibatches, and the KL early stop per epoch.</summary>
internal sealed class OptimizationStats
{
    private double _policy, _value, _entropy, _kl, _clip, _epochKl;
    private int _batches, _epochBatches;
    private double _infoNce, _mutualInformation, _disagreement;
    private int _alignmentBatches;

    /// <summary>Means over the update's minibatches (aligned method): InfoNCE, its MI estimate, the action
    /// disagreement; NaN otherwise.</summary>
    public (double Loss, double MutualInformation, double Disagreement) Alignment => _alignmentBatches == 0
        ? (double.NaN, double.NaN, double.NaN)
        : (_infoNce / _alignmentBatches, _mutualInformation / _alignmentBatches, _disagreement / _alignmentBatches);

    public void AddAlignment(AlignmentTerms terms)
    {
        _infoNce += terms.InfoNce;
        _mutualInformation += terms.MutualInformation;
        _disagreement += terms.ActionDisagreement;
        _alignmentBatches++;
    }

    public int Epochs { get; private set; }

    /// <summary>Mean approximate KL of the last finished epoch (drives the adaptive learning rate).</summary>
    public double LastEpochKl { get; private set; }

    public void Add(PpoLossTerms terms)
    {
        _policy += terms.Policy.item<float>();
        _value += terms.Value.item<float>();
        _entropy += terms.Entropy.item<float>();
        _kl += terms.ApproxKl;
        _clip += terms.ClipFraction;
        _epochKl += terms.ApproxKl;
        _batches++;
        _epochBatches++;
    }

    /// <summary>Closes an epoch; true when its KL passed 1.5× the target and the update should stop.</summary>
    public bool EndEpoch(float? targetKl)
    {
        Epochs++;
        LastEpochKl = _epochBatches == 0 ? 0 : _epochKl / _epochBatches;
        _epochKl = 0;
        _epochBatches = 0;
        return targetKl is float target && LastEpochKl > 1.5 * target;
    }

    public (float Policy, float Value, float Entropy, float Kl, float Clip, int Epochs) Means()
    {
        int n = Math.Max(1, _batches);
        return ((float)(_policy / n), (float)(_value / n), (float)(_entropy / n), (float)(_kl / n), (float)(_clip / n), Epochs);
    }
}
