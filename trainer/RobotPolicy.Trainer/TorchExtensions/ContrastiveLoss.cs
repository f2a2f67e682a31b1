using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.TorchExtensions;

/// <summary>InfoNCE, which torch.nn.functional does not have, built from its cross_entropy and normalize.</summary>
public static class ContrastiveLoss
{
    /// <summary>
    /// InfoNCE between two batches of embeddings [B, D]: row i of <paramref name="anchors"/> and row i of
    /// <paramref name="positives"/> are a positive pair, every other row of the batch a negative. The logits are
    /// cosine similarities (rows L2-normalized first) over <paramref name="temperature"/>; <paramref name="symmetric"/>
    /// averages both directions. log(B) − loss is a lower bound on the mutual information of the two embeddings.
    /// </summary>
    public static Tensor info_nce(Tensor anchors, Tensor positives, float temperature, bool symmetric = true)
    {
        if (anchors.dim() != 2 || !anchors.shape.SequenceEqual(positives.shape))
        {
            throw new ArgumentException($"info_nce needs two [batch, dim] tensors of one shape; got [{string.Join(", ", anchors.shape)}] and [{string.Join(", ", positives.shape)}]");
        }
        if (!(temperature > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), $"temperature must be positive, got {temperature}");
        }
        var a = torch.nn.functional.normalize(anchors, dim: -1);
        var p = torch.nn.functional.normalize(positives, dim: -1);
        var logits = a.matmul(p.t()) / Scalars.Keep(temperature);
        // The positives' indices, 0..B-1 (torch.arange would pass its bounds as Scalars; see Scalars).
        var labels = torch.tensor(Enumerable.Range(0, (int)anchors.shape[0]).Select(i => (long)i).ToArray(), device: anchors.device);
        var loss = torch.nn.functional.cross_entropy(logits, labels);
        return symmetric ? loss.Plus(torch.nn.functional.cross_entropy(logits.t(), labels)) * Scalars.Keep(0.5) : loss;
    }
}
