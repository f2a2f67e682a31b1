using RobotPolicy.Trainer.Engine;
using RobotPolicy.Trainer.Engine.Optim;

namespace RobotPolicy.Tests.Engine;

public class OptimAndInitTests
{
    private static Tensor Param(params float[] values)
    {
        var p = torch.tensor(values);
        p.requires_grad = true;
        return p;
    }

    private static void SetGrad(Tensor p, params float[] g)
    {
        p.zero_grad();
        p.AccumulateGrad(g);
    }

    [Fact]
    public void Adam_matches_the_update_rule_step_by_step()
    {
        var p = Param(1f, -2f);
        var adam = torch.optim.Adam([p], lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8);
        double[] w = [1, -2], m = [0, 0], v = [0, 0];
        float[][] grads = [[0.5f, -1f], [0.2f, 0.3f], [-0.4f, 0.1f]];
        for (int t = 1; t <= grads.Length; t++)
        {
            SetGrad(p, grads[t - 1]);
            adam.step();
            for (int i = 0; i < 2; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * grads[t - 1][i];
                v[i] = 0.999 * v[i] + 0.001 * grads[t - 1][i] * grads[t - 1][i];
                double mHat = m[i] / (1 - Math.Pow(0.9, t)), vHat = v[i] / (1 - Math.Pow(0.999, t));
                w[i] -= 0.1 * mHat / (Math.Sqrt(vHat) + 1e-8);
                Assert.Equal(w[i], p.Span[i], 5);
            }
        }
    }

    [Fact]
    public void AdamW_decays_weights_apart_from_the_gradient()
    {
        var p = Param(2f);
        var adamw = torch.optim.AdamW([p], lr: 0.1, weight_decay: 0.5);
        SetGrad(p, 0f);
        adamw.step();
        Assert.Equal(2f - 0.1f * 0.5f * 2f, p.Span[0], 6);   // zero gradient: only the decay moves it
    }

    [Fact]
    public void Sgd_with_momentum_follows_pytorch_formulation()
    {
        var p = Param(1f);
        var sgd = torch.optim.SGD([p], lr: 0.1, momentum: 0.9);
        SetGrad(p, 1f);
        sgd.step();                       // buf = 1, w = 0.9
        SetGrad(p, 1f);
        sgd.step();                       // buf = 1.9, w = 0.71
        Assert.Equal(0.71f, p.Span[0], 5);
    }

    [Fact]
    public void Gradient_clipping_scales_all_gradients_together()
    {
        var a = Param(0f, 0f);
        var b = Param(0f);
        SetGrad(a, 3f, 0f);
        SetGrad(b, 4f);
        double norm = torch.nn.utils.clip_grad_norm_([a, b], 1.0);
        Assert.Equal(5.0, norm, 6);
        Assert.Equal(0.6f, a.grad!.Span[0], 5);
        Assert.Equal(0.8f, b.grad!.Span[0], 5);
    }

    [Fact]
    public void Learning_rate_schedules()
    {
        var opt = torch.optim.SGD([Param(0f)], lr: 1.0);
        var linear = new LinearLR(opt, startFactor: 1.0, endFactor: 0.0, totalIters: 4);
        var seen = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            linear.step();
            seen.Add(opt.lr);
        }
        Assert.Equal([0.75, 0.5, 0.25, 0.0, 0.0], seen.Select(x => Math.Round(x, 6)));

        var opt2 = torch.optim.SGD([Param(0f)], lr: 1.0);
        var cosine = new CosineAnnealingLR(opt2, tMax: 2, etaMin: 0.1);
        cosine.step();
        Assert.Equal(0.55, opt2.lr, 6);   // halfway: eta_min + (1 - eta_min)/2
        cosine.step();
        Assert.Equal(0.1, opt2.lr, 6);
    }

    [Fact]
    public void Orthogonal_init_gives_orthonormal_rows_or_columns_times_gain()
    {
        foreach (var (rows, cols) in new[] { (8, 5), (5, 8), (6, 6) })
        {
            var w = torch.nn.init.orthogonal_(torch.zeros(rows, cols), 2f, new Generator(3));
            // The shorter side is orthonormal (scaled by the gain): WᵀW = g²I for tall, WWᵀ = g²I for wide.
            var gram = rows >= cols ? w.t().matmul(w) : w.matmul(w.t());
            int n = Math.Min(rows, cols);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    Assert.Equal(i == j ? 4f : 0f, gram.Span[i * n + j], 4);
                }
            }
        }
    }

    [Fact]
    public void Kaiming_uniform_stays_within_its_bound_and_fills_it()
    {
        var w = torch.nn.init.kaiming_uniform_(torch.zeros(64, 100), MathF.Sqrt(5f), new Generator(1));
        float bound = MathF.Sqrt(2f / 6f) * MathF.Sqrt(3f / 100f);   // gain(a=√5) · √(3 / fan_in) = 1/√fan_in
        Assert.Equal(1f / 10f, bound, 5);
        Assert.All(w.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.True(w.ToArray().Max() > 0.9f * bound && w.ToArray().Min() < -0.9f * bound);
    }
}
