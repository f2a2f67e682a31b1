namespace RobotPolicy.Trainer.Engine;

/// <summary>
/// Adam (weight decay added to the gradient) or AdamW (decoupled weight decay), as PyTorch computes them:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr·m̂ / (√v̂ + ε).
/// </summary>
public sealed class Adam : torch.optim.Optimizer
{
    private readonly float[][] _m;
    private readonly float[][] _v;

    internal Adam(IEnumerable<Tensor> parameters, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
        : base(parameters, lr)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        Decoupled = decoupled;
        _m = Parameters.Select(p => new float[p.Data.Length]).ToArray();
        _v = Parameters.Select(p => new float[p.Data.Length]).ToArray();
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }
    public double WeightDecay { get; }
    public bool Decoupled { get; }

    /// <summary>First and second moment buffers, per parameter (for checkpoints).</summary>
    public IReadOnlyList<float[]> FirstMoments => _m;

    public IReadOnlyList<float[]> SecondMoments => _v;

    /// <summary>Restores moments and step count from a checkpoint.</summary>
    public void LoadState(long steps, IReadOnlyList<float[]> m, IReadOnlyList<float[]> v)
    {
        for (int i = 0; i < _m.Length; i++)
        {
            m[i].CopyTo(_m[i], 0);
            v[i].CopyTo(_v[i], 0);
        }
        step_count = steps;
    }

    public override void step()
    {
        step_count++;
        float b1 = (float)Beta1, b2 = (float)Beta2;
        float biasCorrection1 = 1f - MathF.Pow(b1, step_count);
        float biasCorrection2 = 1f - MathF.Pow(b2, step_count);
        float stepSize = (float)lr / biasCorrection1;
        float sqrtBc2 = MathF.Sqrt(biasCorrection2);
        float eps = (float)Eps, wd = (float)WeightDecay, lrF = (float)lr;
        for (int k = 0; k < Parameters.Length; k++)
        {
            var p = Parameters[k];
            if (p.GradBuffer is not { } g)
            {
                continue;
            }
            var w = p.Data;
            var m = _m[k];
            var v = _v[k];
            for (int i = 0; i < w.Length; i++)
            {
                float gi = g[i];
                if (wd != 0)
                {
                    if (Decoupled) w[i] -= lrF * wd * w[i]; else gi += wd * w[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                w[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) / sqrtBc2 + eps);
            }
        }
    }
}
