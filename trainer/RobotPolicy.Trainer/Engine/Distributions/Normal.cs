namespace RobotPolicy.Trainer.Engine.Distributions;

/// <summary>
/// A batch of diagonal Gaussians: <c>mean</c> [batch, d] and <c>log_std</c> broadcastable to it (a learned [d]
/// vector for PPO). Densities and entropies are summed over the d action dimensions.
/// </summary>
public sealed class Normal
{
    private const float HalfLog2Pi = 0.918938533204672741780329736406f;

    public Normal(Tensor mean, Tensor logStd)
    {
        if (mean.Shape.Length != 2)
        {
            throw new ArgumentException($"Normal needs mean [batch, d], got {mean.ShapeText}");
        }
        this.mean = mean;
        log_std = logStd;
    }

    public Tensor mean { get; }

    public Tensor log_std { get; }

    public Tensor std => log_std.exp();

    /// <summary>Σ_d log N(a; μ, σ), [batch].</summary>
    public Tensor log_prob(Tensor actions)
    {
        var z = (actions - mean) / std;
        return (z.square().mul(-0.5f) - log_std - HalfLog2Pi).sum(-1);
    }

    /// <summary>Σ_d (½ + ½ log 2π + log σ), [batch].</summary>
    public Tensor entropy()
    {
        // Broadcast the per-dimension entropy to [batch, d] before summing: log_std is often a shared [d] vector.
        var perDim = (log_std + (0.5f + HalfLog2Pi)) + torch.zeros(mean.shape);
        return perDim.sum(-1);
    }

    /// <summary>KL(this ‖ other) per row: Σ_d log σ₂/σ₁ + (σ₁² + (μ₁ − μ₂)²) / (2σ₂²) − ½.</summary>
    public Tensor kl(Normal other)
    {
        var varRatio = (log_std - other.log_std).mul(2f).exp();
        var meanTerm = (mean - other.mean).square() / other.log_std.mul(2f).exp();
        return ((varRatio + meanTerm - 1f).mul(0.5f) - (log_std - other.log_std)).sum(-1);
    }

    /// <summary>μ + σ·ε with ε ~ N(0, 1), outside the graph (PPO samples under no_grad).</summary>
    public Tensor sample(Generator generator)
    {
        using var _ = torch.no_grad();
        var eps = torch.randn(mean.shape, generator);
        return (mean + std * eps).detach();
    }
}
