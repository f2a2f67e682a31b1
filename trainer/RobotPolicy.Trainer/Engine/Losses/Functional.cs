namespace RobotPolicy.Trainer.Engine;

#pragma warning disable CS8981, IDE1006, CA1707 // PyTorch's lower-case names, on purpose
public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Losses as functions (torch.nn.functional); every one returns the mean over elements or rows.</summary>
        public static class functional
        {
            public static Tensor mse_loss(Tensor input, Tensor target) => (input - target).square().mean();

            /// <summary>0.5·d² where |d| ≤ δ, else δ·(|d| − 0.5·δ); mean over elements (torch's huber_loss).</summary>
            public static Tensor huber_loss(Tensor input, Tensor target, float delta = 1f) => (input - target).huber(delta).mean();

            /// <summary>Mean of −log softmax(logits)[target] over rows; targets are class indices.</summary>
            public static Tensor cross_entropy(Tensor logits, int[] targets) =>
                logits.log_softmax(-1).gather(1, targets).mean().neg();

            /// <summary>
            /// InfoNCE between two batches of embeddings [B, D]: row i of <paramref name="anchors"/> and row i of
            /// <paramref name="positives"/> are a positive pair, every other row of the batch a negative. The logits
            /// are cosine similarities (rows are L2-normalized first) divided by <paramref name="temperature"/>.
            /// <paramref name="symmetric"/> averages both directions (anchor→positive and positive→anchor).
            /// log(B) − loss is a lower bound on the mutual information between the two embeddings.
            /// </summary>
            public static Tensor info_nce(Tensor anchors, Tensor positives, float temperature, bool symmetric = true)
            {
                if (anchors.Shape.Length != 2 || !ShapeMath.SameShape(anchors.Shape, positives.Shape))
                {
                    throw new ArgumentException($"info_nce needs two [batch, dim] tensors of one shape; got {anchors.ShapeText} and {positives.ShapeText}");
                }
                if (!(temperature > 0))
                {
                    throw new ArgumentOutOfRangeException(nameof(temperature), $"temperature must be positive, got {temperature}");
                }
                int batch = anchors.Shape[0];
                var a = anchors.normalize(-1);
                var p = positives.normalize(-1);
                var logits = a.matmul(p.t()).mul(1f / temperature);
                var labels = Enumerable.Range(0, batch).ToArray();
                var loss = cross_entropy(logits, labels);
                return symmetric ? (loss + cross_entropy(logits.t(), labels)).mul(0.5f) : loss;
            }
        }
    }
}
#pragma warning restore CS8981, IDE1006, CA1707
