using RobotPolicy.Trainer.Engine;
using RobotPolicy.Trainer.Engine.Distributions;
using RobotPolicy.Trainer.Engine.Modules;
using F = RobotPolicy.Trainer.Engine.torch.nn.functional;

namespace RobotPolicy.Tests.Engine;

/// <summary>Every op's backward against finite differences.</summary>
public class OpGradientTests
{
    private static Tensor R(int seed, params long[] shape) => torch.randn(shape, new Generator((ulong)seed));

    // Values away from 0 (kinks of relu/abs/clamp) and positive variants for log/sqrt.
    private static Tensor AwayFromZero(int seed, params long[] shape)
    {
        var t = R(seed, shape);
        var d = t.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = d[i] >= 0 ? d[i] + 0.1f : d[i] - 0.1f;
        }
        return t;
    }

    // Multiples of 0.1 plus an offset.
    private static Tensor Grid(int seed, long[] shape, float offset)
    {
        var t = R(seed, shape);
        var d = t.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = MathF.Round(d[i] * 10f) / 10f + offset;
        }
        return t;
    }

    private static Tensor Positive(int seed, params long[] shape) => AwayFromZero(seed, shape).abs().detach();

    [Fact]
    public void Binary_ops_with_every_kind_of_broadcast()
    {
        (long[] A, long[] B)[] shapes = [([3, 4], [3, 4]), ([3, 4], [4]), ([4], [3, 4]), ([3, 4], []), ([], [3, 4]), ([3, 1], [1, 4]), ([2, 3, 4], [3, 1])];
        foreach (var (a, b) in shapes)
        {
            string s = $"[{string.Join(",", a)}]x[{string.Join(",", b)}]";
            GradCheck.Check("add " + s, x => x[0] + x[1], R(1, a), R(2, b));
            GradCheck.Check("sub " + s, x => x[0] - x[1], R(1, a), R(2, b));
            GradCheck.Check("mul " + s, x => x[0] * x[1], R(1, a), R(2, b));
            GradCheck.Check("div " + s, x => x[0] / x[1], R(1, a), AwayFromZero(2, b).add(0f).detach().abs().add(0.5f).detach());
            // Operands on offset grids never come within a step of each other: a finite difference across the kink
            // where they meet would be meaningless.
            GradCheck.Check("maximum " + s, x => x[0].maximum(x[1]), Grid(1, a, 0f), Grid(2, b, 0.05f), step: 1e-3);
            GradCheck.Check("minimum " + s, x => x[0].minimum(x[1]), Grid(1, a, 0f), Grid(2, b, 0.05f), step: 1e-3);
        }
    }

    [Fact]
    public void Scalar_ops()
    {
        GradCheck.Check("add scalar", x => x[0] + 2.5f, R(1, 3, 4));
        GradCheck.Check("mul scalar", x => x[0] * -1.5f, R(1, 3, 4));
        GradCheck.Check("rsub scalar", x => 1f - x[0], R(1, 3, 4));
        GradCheck.Check("rdiv scalar", x => 2f / x[0], Positive(1, 3, 4).add(0.5f).detach());
        GradCheck.Check("neg", x => -x[0], R(1, 3, 4));
        GradCheck.Check("pow", x => x[0].pow(2.5f), Positive(1, 3, 4));
        GradCheck.Check("square", x => x[0].square(), R(1, 3, 4));
        GradCheck.Check("reciprocal", x => x[0].reciprocal(), Positive(1, 3, 4).add(0.5f).detach());
    }

    [Fact]
    public void Unary_ops_and_activations()
    {
        GradCheck.Check("exp", x => x[0].exp(), R(1, 3, 4));
        GradCheck.Check("log", x => x[0].log(), Positive(1, 3, 4));
        GradCheck.Check("sqrt", x => x[0].sqrt(), Positive(1, 3, 4));
        GradCheck.Check("abs", x => x[0].abs(), AwayFromZero(1, 3, 4));
        GradCheck.Check("tanh", x => x[0].tanh(), R(1, 3, 4));
        GradCheck.Check("sigmoid", x => x[0].sigmoid(), R(1, 3, 4));
        GradCheck.Check("relu", x => x[0].relu(), AwayFromZero(1, 3, 4));
        GradCheck.Check("elu", x => x[0].elu(0.7f), AwayFromZero(1, 3, 4));
        GradCheck.Check("silu", x => x[0].silu(), R(1, 3, 4));
        GradCheck.Check("clamp", x => x[0].clamp(-0.55f, 0.65f), R(1, 5, 6));
    }

    [Fact]
    public void Reductions()
    {
        GradCheck.Check("sum", x => x[0].sum(), R(1, 3, 4));
        GradCheck.Check("mean", x => x[0].mean(), R(1, 3, 4));
        foreach (int dim in new[] { 0, 1, -1 })
        {
            GradCheck.Check($"sum({dim})", x => x[0].sum(dim), R(1, 3, 4));
            GradCheck.Check($"mean({dim}, keepdim)", x => x[0].mean(dim, keepdim: true), R(1, 3, 4));
            GradCheck.Check($"max({dim})", x => x[0].max(dim), R(1, 3, 4));
            GradCheck.Check($"min({dim})", x => x[0].min(dim), R(1, 3, 4));
        }
        GradCheck.Check("sum over middle of 3-D", x => x[0].sum(1), R(1, 2, 3, 4));
    }

    [Fact]
    public void Shaping_and_indexing()
    {
        GradCheck.Check("reshape", x => x[0].reshape(4, -1) * x[0].reshape(4, 3), R(1, 3, 4));
        GradCheck.Check("t", x => x[0].t(), R(1, 3, 4));
        GradCheck.Check("narrow", x => x[0].narrow(1, 1, 2), R(1, 3, 4));
        GradCheck.Check("narrow dim 0", x => x[0].narrow(0, 1, 2), R(1, 3, 4));
        GradCheck.Check("cat dim 1", x => torch.cat([x[0], x[1], x[0]], 1), R(1, 3, 4), R(2, 3, 2));
        GradCheck.Check("cat dim 0", x => torch.cat([x[0], x[1]], 0), R(1, 3, 4), R(2, 2, 4));
        GradCheck.Check("gather", x => x[0].gather(1, [0, 3, 3, 1, 2, 2]), R(1, 3, 4));
        GradCheck.Check("unsqueeze/squeeze", x => x[0].unsqueeze(1).squeeze(1), R(1, 3, 4));
    }

    [Fact]
    public void Matrix_products()
    {
        GradCheck.Check("matmul", x => x[0].matmul(x[1]), R(1, 5, 7), R(2, 7, 3));
        GradCheck.Check("linear", x => Tensor.linear(x[0], x[1], x[2]), R(1, 5, 7), R(2, 3, 7), R(3, 3));
        GradCheck.Check("linear no bias", x => Tensor.linear(x[0], x[1], null), R(1, 5, 7), R(2, 3, 7));
    }

    [Fact]
    public void Softmax_normalize_and_layer_norm()
    {
        GradCheck.Check("softmax", x => x[0].softmax(-1), R(1, 3, 5));
        GradCheck.Check("log_softmax", x => x[0].log_softmax(-1), R(1, 3, 5));
        GradCheck.Check("normalize", x => x[0].normalize(-1), R(1, 3, 5));
        GradCheck.Check("layer_norm", x => x[0].layer_norm(x[1], x[2]), R(1, 4, 6), R(2, 6), R(3, 6));
        GradCheck.Check("layer_norm without affine", x => x[0].layer_norm(null, null), R(1, 4, 6));
    }

    [Fact]
    public void Gradient_control()
    {
        GradCheck.Check("scale_grad 1 is identity", x => x[0].scale_grad(1f).tanh(), R(1, 3, 4));
        var x = R(1, 2, 3);
        x.requires_grad = true;
        (x.scale_grad(0.25f) * 2f).sum().backward();
        Assert.All(x.grad!.ToArray(), g => Assert.Equal(0.5f, g));
        var y = R(2, 2, 3);
        y.requires_grad = true;
        var stopped = y.scale_grad(0f);
        Assert.False(stopped.requires_grad);
        ((y * 3f) + stopped).sum().backward();
        Assert.All(y.grad!.ToArray(), g => Assert.Equal(3f, g));
        var z = R(3, 2, 3);
        z.requires_grad = true;
        (z.detach() * z).sum().backward();
        Assert.Equal(z.ToArray(), z.grad!.ToArray());
    }

    [Fact]
    public void Losses()
    {
        GradCheck.Check("mse", x => F.mse_loss(x[0], x[1]), R(1, 4, 3), R(2, 4, 3));
        GradCheck.Check("huber", x => F.huber_loss(x[0], x[1], 0.5f), R(1, 4, 3), R(2, 4, 3));
        GradCheck.Check("cross_entropy", x => F.cross_entropy(x[0], [2, 0, 1, 2]), R(1, 4, 3));
        GradCheck.Check("info_nce", x => F.info_nce(x[0], x[1], 0.5f), R(1, 5, 4), R(2, 5, 4));
        GradCheck.Check("info_nce one-way", x => F.info_nce(x[0], x[1], 0.2f, symmetric: false), R(1, 5, 4), R(2, 5, 4));
    }

    [Fact]
    public void Distributions()
    {
        GradCheck.Check("categorical log_prob", x => new Categorical(x[0]).log_prob([1, 0, 2]), R(1, 3, 4));
        GradCheck.Check("categorical entropy", x => new Categorical(x[0]).entropy(), R(1, 3, 4));
        GradCheck.Check("categorical kl", x => new Categorical(x[0]).kl(new Categorical(x[1])), R(1, 3, 4), R(2, 3, 4));
        var actions = R(9, 3, 2);
        GradCheck.Check("normal log_prob", x => new Normal(x[0], x[1]).log_prob(actions), R(1, 3, 2), R(2, 2).mul(0.3f).detach());
        GradCheck.Check("normal entropy", x => new Normal(x[0], x[1]).entropy(), R(1, 3, 2), R(2, 2));
        GradCheck.Check("normal kl", x => new Normal(x[0], x[1]).kl(new Normal(x[2], x[3])), R(1, 3, 2), R(2, 3, 2).mul(0.3f).detach(), R(3, 3, 2), R(4, 3, 2).mul(0.3f).detach());
    }

    [Fact]
    public void Gru_cell_composite()
    {
        var cell = new GRUCell(3, 4, new Generator(5));
        GradCheck.Check("gru", x => cell.forward((x[0], x[1])), R(1, 2, 3), R(2, 2, 4));
        GradCheck.Check("gru weights", x => cell.forward((R(1, 2, 3), R(2, 2, 4))), cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh);
    }

    [Fact]
    public void Input_used_twice_gets_both_gradient_shares()
    {
        GradCheck.Check("x*x + tanh(x)", x => x[0] * x[0] + x[0].tanh(), R(1, 3, 3));
        GradCheck.Check("diamond", x =>
        {
            var a = x[0].exp();
            return a.matmul(a.t()).sum(1) + a.sum(1);
        }, R(1, 3, 4).mul(0.3f).detach());
    }
}
