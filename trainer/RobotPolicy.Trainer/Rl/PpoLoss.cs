using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.Rl;

/// <summary>PPO's loss settings (defaults as in rsl_rl / CleanRL).</summary>
public sealed record PpoLossSettings
{
    public float ClipRatio { get; set; } = 0.2f;

    /// <summary>Clip of the value change around the old value; null = unclipped value loss.</summary>
    public float? ValueClip { get; set; } = 0.2f;

    public float ValueCoefficient { get; set; } = 0.5f;

    /// <summary>Entropy bonus; null = 0.01 for discrete actions and 0 for continuous ones (where the learned
    /// log-std already explores, and a bonus only keeps it from shrinking).</summary>
    public float? EntropyCoefficient { get; set; }
}

/// <summary>The PPO loss and the diagnostics logged with it. Scalars are one-element tensors; only Total is backpropagated.</summary>
public sealed record PpoLossTerms(Tensor Total, Tensor Policy, Tensor Value, Tensor Entropy, float ApproxKl, float ClipFraction);

/// <summary>
/// Clipped-surrogate PPO loss over a minibatch (all inputs [batch]):
/// policy = −mean(min(r·A, clip(r, 1−ε, 1+ε)·A)), r = exp(logπ − logπ_old);
/// value = ½·mean(max((V − R)², (V_old + clip(V − V_old, −c, c) − R)²)) (or the plain squared error);
/// total = policy + c_v·value − c_e·mean(entropy).
/// </summary>
public static class PpoLoss
{
    public static PpoLossTerms Compute(Tensor logProb, Tensor oldLogProb, Tensor advantages, Tensor entropy,
        Tensor values, Tensor oldValues, Tensor returns, PpoLossSettings settings)
    {
        var logRatio = logProb - oldLogProb;
        var ratio = logRatio.exp();
        var unclipped = ratio * advantages;
        var clipped = ratio.clamp(1f - settings.ClipRatio, 1f + settings.ClipRatio) * advantages;
        var policy = unclipped.minimum(clipped).mean().neg();

        Tensor value;
        if (settings.ValueClip is float c)
        {
            var clippedValues = oldValues + (values - oldValues).clamp(-c, c);
            value = (values - returns).square().maximum((clippedValues - returns).square()).mean().mul(0.5f);
        }
        else
        {
            value = (values - returns).square().mean().mul(0.5f);
        }
        var meanEntropy = entropy.mean();
        var total = policy + value.mul(settings.ValueCoefficient) - meanEntropy.mul(settings.EntropyCoefficient ?? 0f);

        // Diagnostics without gradients: the k3 KL estimator ((r − 1) − log r) and how often the clip was active.
        float kl, clipFraction;
        using (torch.no_grad())
        {
            var r = logRatio.detach().exp();
            kl = ((r - 1f) - logRatio.detach()).mean().item<float>();
            clipFraction = (r - 1f).abs().gt(settings.ClipRatio).to(ScalarType.Float32).mean().item<float>();
        }
        return new PpoLossTerms(total, policy, value, meanEntropy, kl, clipFraction);
    }
}
