using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// The policy's action distributions on torch.distributions, with what PPO needs that they do not give directly:
/// log-probabilities and entropies summed over action dimensions, and KL divergences (TorchSharp has no
/// kl_divergence), written out analytically.
/// </summary>
internal static class ActionDistributions
{
    /// <summary>A batch of categoricals over the last dimension of <paramref name="logits"/> [batch, n].</summary>
    public static TorchSharp.Modules.Categorical Categorical(Tensor logits, Generator? generator = null) =>
        new(null, logits, generator);

    /// <summary>Diagonal Gaussians: mean [batch, d], a log-std broadcastable to it (PPO's learned [d] vector).</summary>
    public static TorchSharp.Modules.Normal Gaussian(Tensor mean, Tensor logStd, Generator? generator = null) =>
        new(mean, logStd.exp().expand_as(mean), generator);

    /// <summary>log p(action) per row for class indices given as floats, [batch].</summary>
    public static Tensor LogProb(TorchSharp.Modules.Categorical dist, Tensor classIndices) =>
        dist.log_prob(classIndices.to(ScalarType.Int64));

    /// <summary>Σ_d log N(a; μ, σ) per row, [batch].</summary>
    public static Tensor LogProb(TorchSharp.Modules.Normal dist, Tensor actions) => dist.log_prob(actions).sum(-1);

    /// <summary>Σ_d entropy per row, [batch].</summary>
    public static Tensor Entropy(TorchSharp.Modules.Normal dist) => dist.entropy().sum(-1);

    /// <summary>KL(p ‖ q) per row of two batches of categoricals given by logits, [batch].</summary>
    public static Tensor CategoricalKl(Tensor logitsP, Tensor logitsQ)
    {
        var logP = logitsP.log_softmax(-1);
        return (logP.exp() * (logP - logitsQ.log_softmax(-1))).sum(-1);
    }

    /// <summary>KL(p ‖ q) per row of two diagonal Gaussians: Σ_d log σ_q/σ_p + (σ_p² + (μ_p − μ_q)²) / (2σ_q²) − ½.</summary>
    public static Tensor GaussianKl(Tensor meanP, Tensor logStdP, Tensor meanQ, Tensor logStdQ)
    {
        var varRatio = ((logStdP - logStdQ) * 2f).exp();
        var meanTerm = (meanP - meanQ).square() / (logStdQ * 2f).exp();
        return ((varRatio + meanTerm - 1f) * 0.5f - (logStdP - logStdQ)).sum(-1);
    }
}
