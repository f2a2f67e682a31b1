namespace RobotPolicy.Trainer.Engine.Distributions;

/// <summary>A batch of categorical distributions over the last dimension of <c>logits</c> [batch, n].</summary>
public sealed class Categorical
{
    public Categorical(Tensor logits)
    {
        if (logits.Shape.Length != 2)
        {
            throw new ArgumentException($"Categorical needs logits [batch, n], got {logits.ShapeText}");
        }
        this.logits = logits;
        log_probs = logits.log_softmax(-1);
    }

    public Tensor logits { get; }

    /// <summary>Normalized log-probabilities, [batch, n].</summary>
    public Tensor log_probs { get; }

    public Tensor probs => log_probs.exp();

    /// <summary>log p(action) per row, [batch].</summary>
    public Tensor log_prob(int[] actions) => log_probs.gather(1, actions).reshape(-1);

    /// <summary>−Σ p log p per row, [batch].</summary>
    public Tensor entropy() => (probs * log_probs).sum(-1).neg();

    /// <summary>KL(this ‖ other) per row, [batch].</summary>
    public Tensor kl(Categorical other) => (probs * (log_probs - other.log_probs)).sum(-1);

    /// <summary>One sample per row (inverse CDF on the probabilities).</summary>
    public int[] sample(Generator generator)
    {
        int rows = logits.Shape[0], n = logits.Shape[1];
        var p = log_probs.Data;
        var result = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            float u = generator.NextFloat(), acc = 0;
            int choice = n - 1;
            for (int j = 0; j < n; j++)
            {
                acc += MathF.Exp(p[r * n + j]);
                if (u < acc)
                {
                    choice = j;
                    break;
                }
            }
            result[r] = choice;
        }
        return result;
    }

    /// <summary>The most likely class per row.</summary>
    public int[] mode() => logits.argmax(-1);
}
