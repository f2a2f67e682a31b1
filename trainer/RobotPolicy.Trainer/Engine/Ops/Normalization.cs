using System.Numerics.Tensors;

namespace RobotPolicy.Trainer.Engine;

/// <summary>L2 normalization and layer normalization along the last dimension.</summary>
public sealed partial class Tensor
{
    /// <summary>x / max(||x||₂, eps) along the last dimension (torch.nn.functional.normalize with p=2).</summary>
    public Tensor normalize(int dim = -1, float eps = 1e-12f)
    {
        int n = LastDim(dim, "normalize");
        var output = new float[Data.Length];
        var norms = new float[Data.Length / Math.Max(1, n)];
        for (int r = 0, row = 0; r < Data.Length; r += n, row++)
        {
            var x = Data.AsSpan(r, n);
            norms[row] = MathF.Max(TensorPrimitives.Norm(x), eps);
            TensorPrimitives.Divide(x, norms[row], output.AsSpan(r, n));
        }
        return Result(output, Shape, "normalize", [this], res => g =>
        {
            var t = GradTarget();
            for (int r = 0, row = 0; r < t.Length; r += n, row++)
            {
                var y = res.Data.AsSpan(r, n);
                var go = g.AsSpan(r, n);
                float norm = norms[row];
                // Below eps the denominator is a constant, so the map is just x / eps.
                bool clamped = TensorPrimitives.Norm(Data.AsSpan(r, n)) < eps;
                float dot = clamped ? 0f : TensorPrimitives.Dot(go, y);
                for (int i = 0; i < n; i++)
                {
                    t[r + i] += (go[i] - y[i] * dot) / norm;
                }
            }
        });
    }

    /// <summary>(x - mean) / sqrt(var + eps) · weight + bias over the last dimension (biased variance, as PyTorch).</summary>
    public Tensor layer_norm(Tensor? weight, Tensor? bias, float eps = 1e-5f)
    {
        int n = Shape[^1];
        int rows = Data.Length / n;
        var xhat = new float[Data.Length];
        var invStd = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            var x = Data.AsSpan(r * n, n);
            float mean = TensorPrimitives.Sum(x) / n;
            var h = xhat.AsSpan(r * n, n);
            TensorPrimitives.Subtract(x, mean, h);
            float var = TensorPrimitives.Dot(h, h) / n;
            invStd[r] = 1f / MathF.Sqrt(var + eps);
            TensorPrimitives.Multiply(h, invStd[r], h);
        }
        var output = (float[])xhat.Clone();
        for (int r = 0; r < rows; r++)
        {
            var y = output.AsSpan(r * n, n);
            if (weight is not null) TensorPrimitives.Multiply(y, weight.Data, y);
            if (bias is not null) TensorPrimitives.Add(y, bias.Data, y);
        }
        var inputs = new List<Tensor> { this };
        if (weight is not null) inputs.Add(weight);
        if (bias is not null) inputs.Add(bias);
        return Result(output, Shape, "layer_norm", inputs.ToArray(), _ => g =>
        {
            var gh = new float[n];
            for (int r = 0; r < rows; r++)
            {
                var go = g.AsSpan(r * n, n);
                var h = xhat.AsSpan(r * n, n);
                if (weight is not null && weight.requires_grad)
                {
                    var gw = weight.GradTarget();
                    TensorPrimitives.MultiplyAdd(go, h, gw, gw);
                }
                if (bias is not null && bias.requires_grad)
                {
                    var gb = bias.GradTarget();
                    TensorPrimitives.Add(gb, go, gb);
                }
                if (requires_grad)
                {
                    // dx = invStd * (gh - mean(gh) - xhat * mean(gh * xhat)), gh = g * weight
                    if (weight is not null) TensorPrimitives.Multiply(go, weight.Data, gh); else go.CopyTo(gh);
                    float meanG = TensorPrimitives.Sum(gh) / n;
                    float meanGx = TensorPrimitives.Dot(gh, h) / n;
                    var t = GradTarget().AsSpan(r * n, n);
                    for (int i = 0; i < n; i++)
                    {
                        t[i] += invStd[r] * (gh[i] - meanG - h[i] * meanGx);
                    }
                }
            }
        });
    }
}
