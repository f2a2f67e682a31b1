using RobotPolicy.Trainer.TorchExtensions;
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
        var clipped = ratio.clamp(Scalars.Keep(1f - settings.ClipRatio), Scalars.Keep(1f + settings.ClipRatio)) * advantages;
        var policy = unclipped.minimum(clipped).mean().neg();

        Tensor value;
        var error = values - returns;
        if (settings.ValueClip is float c)
        {
            var clippedError = oldValues.Plus((values - oldValues).clamp(Scalars.Keep(-c), Scalars.Keep(c))) - returns;
            value = (error * error).maximum(clippedError * clippedError).mean() * Scalars.Keep(0.5);
        }
        else
        {
            value = (error * error).mean() * Scalars.Keep(0.5);
        }
        var meanEntropy = entropy.mean();
        var total = policy.Plus(value * Scalars.Keep(settings.ValueCoefficient)) - meanEntropy * Scalars.Keep(settings.EntropyCoefficient ?? 0f);

        // Diagnostics without gradients: the k3 KL estimator ((r − 1) − log r) and how often the clip was active.
        float kl, clipFraction;
        using (torch.no_grad())
        {
            var r = logRatio.detach().exp();
            var one = Scalars.Keep(1.0);
            kl = ((r - one) - logRatio.detach()).mean().item<float>();
            clipFraction = (r - one).abs().gt(Scalars.Keep(settings.ClipRatio)).to(ScalarType.Float32).mean().item<float>();
        }
        return new PpoLossTerms(total, policy, value, meanEntropy, kl, clipFraction);
    }
}
