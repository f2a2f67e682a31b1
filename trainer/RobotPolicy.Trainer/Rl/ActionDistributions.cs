using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// The policy's action distributions: categorical over logits, and diagonal Gaussians with a learned log-std.
/// Written out rather than taken from torch.distributions, whose Categorical and Normal pass libtorch Scalars that
/// nothing keeps alive (see <see cref="Scalars"/>); the formulas are PyTorch's, and the parity test holds them to it.
/// </summary>
internal static class ActionDistributions
{
    private const double HalfLog2Pi = 0.918938533204672741780329736406;

    /// <summary>log π(a) per row for class indices given as floats, [batch].</summary>
    public static Tensor CategoricalLogProb(Tensor logits, Tensor classIndices) =>
        logits.log_softmax(-1).gather(1, classIndices.to(ScalarType.Int64).unsqueeze(1)).squeeze(1);

    /// <summary>−Σ p log p per row, [batch].</summary>
    public static Tensor CategoricalEntropy(Tensor logits)
    {
        var logP = logits.log_softmax(-1);
        return (logP.exp() * logP).sum(-1).neg();
    }

    /// <summary>One class index per row drawn from <paramref name="generator"/>, [batch] int64.</summary>
    public static Tensor CategoricalSample(Tensor logits, Generator generator) =>
        torch.multinomial(logits.softmax(-1), 1, replacement: true, generator: generator).squeeze(1);

    /// <summary>Σ_d log N(a; μ, σ) per row, [batch]; mean [batch, d], log-std broadcastable to it.</summary>
    public static Tensor GaussianLogProb(Tensor mean, Tensor logStd, Tensor actions)
    {
        var z = (actions - mean) / logStd.exp();
        return (z * z * Scalars.Keep(-0.5) - logStd - Scalars.Keep(HalfLog2Pi)).sum(-1);
    }

    /// <summary>Σ_d (½ + ½ log 2π + log σ) per row, [batch] (log-std broadcast to the batch first).</summary>
    public static Tensor GaussianEntropy(Tensor mean, Tensor logStd) =>
        logStd.expand_as(mean).Plus(0.5 + HalfLog2Pi).sum(-1);

    /// <summary>μ + σ·ε with ε ~ N(0, 1) from <paramref name="generator"/>.</summary>
    public static Tensor GaussianSample(Tensor mean, Tensor logStd, Generator generator) =>
        mean.Plus(logStd.exp() * torch.randn(mean.shape, generator: generator));

    /// <summary>KL(p ‖ q) per row of two batches of categoricals given by logits, [batch].</summary>
    public static Tensor CategoricalKl(Tensor logitsP, Tensor logitsQ)
    {
        var logP = logitsP.log_softmax(-1);
        return (logP.exp() * (logP - logitsQ.log_softmax(-1))).sum(-1);
    }

    /// <summary>KL(p ‖ q) per row of two diagonal Gaussians: Σ_d log σ_q/σ_p + (σ_p² + (μ_p − μ_q)²) / (2σ_q²) − ½.</summary>
    public static Tensor GaussianKl(Tensor meanP, Tensor logStdP, Tensor meanQ, Tensor logStdQ)
    {
        var logRatio = logStdP - logStdQ;
        var varRatio = (logRatio * Scalars.Keep(2.0)).exp();
        var meanGap = meanP - meanQ;
        var meanTerm = meanGap * meanGap / (logStdQ * Scalars.Keep(2.0)).exp();
        return ((varRatio.Plus(meanTerm) - Scalars.Keep(1.0)) * Scalars.Keep(0.5) - logRatio).sum(-1);
    }
}
