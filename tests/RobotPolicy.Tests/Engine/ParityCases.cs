using System.Text.Json.Nodes;
using RobotPolicy.Trainer.Engine;
using RobotPolicy.Trainer.Engine.Distributions;

namespace RobotPolicy.Tests.Engine;

/// <summary>The computations the PyTorch parity test replays: random graphs and the trainer's losses.</summary>
internal static class ParityCases
{
    private static float[] Randn(Generator g, long n, float scale = 1f) =>
        Enumerable.Range(0, (int)n).Select(_ => g.NextNormal() * scale).ToArray();

    /// <summary>A random graph of ~14 ops over [6, 5] tensors, drawing on every op family.</summary>
    public static ParityCase RandomGraph(int seed)
    {
        var g = new Generator((ulong)seed);
        var c = new ParityCase($"random-graph-{seed}");
        string Fresh(long[] shape, float scale = 1f) => c.Input(shape, Randn(g, shape.Aggregate(1L, (a, d) => a * d), scale));
        string Bounded(string x) => c.Node("tanh", [x]);
        string Positive(string x) => c.Node("add_scalar", [c.Node("abs", [x])], new JsonObject { ["s"] = 0.5 });
        var pool = new List<string> { Fresh([6, 5]), Fresh([6, 5]) };
        string Pick() => pool[g.NextInt(pool.Count)];

        for (int step = 0; step < 14; step++)
        {
            string x = Pick();
            string y = g.NextInt(3) switch { 0 => Fresh([5]), 1 => Fresh([6, 1]), _ => Pick() };
            string result = g.NextInt(15) switch
            {
                0 => c.Node(new[] { "tanh", "sigmoid", "silu", "neg", "relu", "abs" }[g.NextInt(6)], [x]),
                1 => c.Node(new[] { "exp", "square" }[g.NextInt(2)], [Bounded(x)]),
                2 => c.Node(new[] { "add", "sub", "mul", "maximum", "minimum" }[g.NextInt(5)], [x, y]),
                3 => c.Node("div", [x, Positive(y)]),
                4 => c.Node(new[] { "log", "sqrt" }[g.NextInt(2)], [Positive(x)]),
                5 => c.Node("pow", [Positive(x)], new JsonObject { ["p"] = 1.7 }),
                6 => c.Node("linear", [x, Fresh([5, 5], 0.4f), Fresh([5])]),
                7 => c.Node("matmul", [x, Fresh([5, 5], 0.4f)]),
                8 => c.Node(new[] { "softmax", "log_softmax", "normalize" }[g.NextInt(3)], [x]),
                9 => c.Node("layer_norm", [x, Fresh([5]), Fresh([5])]),
                10 => c.Node("scale_grad", [x], new JsonObject { ["factor"] = 0.3 }),
                11 => c.Node("clamp", [x], new JsonObject { ["lo"] = -0.5, ["hi"] = 0.7 }),
                12 => c.Node("cat", [c.Node("narrow", [x], Narrow(2, 3)), c.Node("narrow", [x], Narrow(0, 2))], new JsonObject { ["dim"] = 1 }),
                13 => c.Node("mul", [x, c.Node(new[] { "sum_dim", "max_dim", "min_dim", "mean_dim" }[g.NextInt(4)], [y == pool[0] ? x : Pick()], new JsonObject { ["dim"] = 1, ["keepdim"] = true })]),
                _ => c.Node("t", [c.Node("elu", [c.Node("t", [x])], new JsonObject { ["alpha"] = 0.5 })]),
            };
            pool.Add(result);
        }
        c.Node("add", [c.Node("add", [pool[^1], pool[^2]]), pool[^3]]);
        c.Project([6, 5], g);
        return c;

        static JsonObject Narrow(int start, int length) => new() { ["dim"] = 1, ["start"] = start, ["length"] = length };
    }

    /// <summary>PPO's loss on a categorical policy and a value head over the same observations.</summary>
    public static ParityCase PpoDiscrete(int seed)
    {
        var g = new Generator((ulong)seed);
        var c = new ParityCase("ppo-discrete");
        const int batch = 32, obsDim = 6, actions = 4;
        var obs = Randn(g, batch * obsDim);
        var w = Randn(g, actions * obsDim, 0.5f);
        var b = Randn(g, actions, 0.1f);
        var acts = Enumerable.Range(0, batch).Select(_ => g.NextInt(actions)).ToArray();
        // Old log-probs near the current ones, spread so that some ratios fall outside the clip range.
        float[] current;
        using (torch.no_grad())
        {
            current = new Categorical(Tensor.linear(torch.tensor(obs, batch, obsDim), torch.tensor(w, actions, obsDim), torch.tensor(b, actions)))
                .log_prob(acts).ToArray();
        }
        string xObs = c.Input([batch, obsDim], obs, grad: false);
        string logits = c.Node("linear", [xObs, c.Input([actions, obsDim], w), c.Input([actions], b)]);
        string logp = c.Node("cat_logprob", [logits], new JsonObject { ["actions"] = new JsonArray(acts.Select(a => (JsonNode)a).ToArray()) });
        string entropy = c.Node("cat_entropy", [logits]);
        return FinishPpo(c, g, xObs, obsDim, batch, logp, entropy, current);
    }

    /// <summary>PPO's loss on a diagonal-Gaussian policy with a learned log-std.</summary>
    public static ParityCase PpoGaussian(int seed)
    {
        var g = new Generator((ulong)seed);
        var c = new ParityCase("ppo-gaussian");
        const int batch = 32, obsDim = 6, actDim = 2;
        var obs = Randn(g, batch * obsDim);
        var w = Randn(g, actDim * obsDim, 0.5f);
        var b = Randn(g, actDim, 0.1f);
        var logStd = new[] { -0.5f, 0.2f };
        var actions = Randn(g, batch * actDim);
        float[] current;
        using (torch.no_grad())
        {
            var mean = Tensor.linear(torch.tensor(obs, batch, obsDim), torch.tensor(w, actDim, obsDim), torch.tensor(b, actDim));
            current = new Normal(mean, torch.tensor(logStd, actDim)).log_prob(torch.tensor(actions, batch, actDim)).ToArray();
        }
        string xObs = c.Input([batch, obsDim], obs, grad: false);
        string meanNode = c.Node("linear", [xObs, c.Input([actDim, obsDim], w), c.Input([actDim], b)]);
        string logStdNode = c.Input([actDim], logStd);
        string logp = c.Node("normal_logprob", [meanNode, logStdNode, c.Input([batch, actDim], actions, grad: false)]);
        string entropy = c.Node("normal_entropy", [meanNode, logStdNode]);
        return FinishPpo(c, g, xObs, obsDim, batch, logp, entropy, current);
    }

    private static ParityCase FinishPpo(ParityCase c, Generator g, string xObs, int obsDim, int batch, string logp, string entropy, float[] current)
    {
        var oldLogp = current.Select(v => v + g.NextNormal() * 0.3f).ToArray();
        string values = c.Node("reshape", [c.Node("linear", [xObs, c.Input([1, obsDim], Randn(g, obsDim, 0.5f)), c.Input([1], [0.1f])])],
            new JsonObject { ["shape"] = new JsonArray(batch) });
        var valueNow = Randn(g, batch);
        c.Node("ppo",
            [logp, c.Input([batch], oldLogp, grad: false), c.Input([batch], Randn(g, batch), grad: false), entropy,
             values, c.Input([batch], valueNow.Select(v => v * 0.5f).ToArray(), grad: false), c.Input([batch], Randn(g, batch), grad: false)],
            new JsonObject { ["clip"] = 0.2, ["vclip"] = 0.2, ["vcoef"] = 0.5, ["ecoef"] = 0.01 });
        c.Project([], g);
        return c;
    }

    /// <summary>InfoNCE between a teacher encoder (privileged input) and a student encoder, one side gradient-scaled.</summary>
    public static ParityCase InfoNce(int seed)
    {
        var g = new Generator((ulong)seed);
        var c = new ParityCase("info-nce");
        const int batch = 16;
        string teacher = c.Node("linear", [c.Node("tanh", [c.Node("linear", [c.Input([batch, 7], Randn(g, batch * 7), grad: false), c.Input([8, 7], Randn(g, 56, 0.4f)), c.Input([8], Randn(g, 8, 0.1f))])]), c.Input([4, 8], Randn(g, 32, 0.4f)), c.Input([4], Randn(g, 4, 0.1f))]);
        string student = c.Node("linear", [c.Node("elu", [c.Node("linear", [c.Input([batch, 5], Randn(g, batch * 5), grad: false), c.Input([8, 5], Randn(g, 40, 0.4f)), c.Input([8], Randn(g, 8, 0.1f))])], new JsonObject { ["alpha"] = 1.0 }), c.Input([4, 8], Randn(g, 32, 0.4f)), c.Input([4], Randn(g, 4, 0.1f))]);
        string scaledTeacher = c.Node("scale_grad", [teacher], new JsonObject { ["factor"] = 0.25 });
        c.Node("info_nce", [scaledTeacher, student], new JsonObject { ["tau"] = 0.1, ["symmetric"] = true });
        c.Project([], g);
        return c;
    }

    /// <summary>The remaining losses and ops, each once.</summary>
    public static ParityCase Sweep(int seed)
    {
        var g = new Generator((ulong)seed);
        var c = new ParityCase("sweep");
        string a = c.Input([4, 3], Randn(g, 12));
        string b = c.Input([4, 3], Randn(g, 12));
        string s = c.Input([4, 3], Randn(g, 12, 0.3f));
        var terms = new[]
        {
            c.Node("cross_entropy", [a], new JsonObject { ["targets"] = new JsonArray(2, 0, 1, 1) }),
            c.Node("huber", [a, b], new JsonObject { ["delta"] = 0.7 }),
            c.Node("mse", [a, b]),
            c.Node("mean", [c.Node("cat_kl", [a, b])]),
            c.Node("mean", [c.Node("normal_kl", [a, s, b, c.Node("mul_scalar", [s], new JsonObject { ["s"] = -1.0 })])]),
            c.Node("sum", [c.Node("gather", [a], new JsonObject { ["index"] = new JsonArray(0, 2, 1, 1, 2, 0, 0, 0) })]),
            c.Node("mean", [c.Node("min_dim", [c.Node("reshape", [b], new JsonObject { ["shape"] = new JsonArray(3, 4) })], new JsonObject { ["dim"] = 0, ["keepdim"] = false })]),
            c.Node("mean", [c.Node("mean_dim", [c.Node("pow", [c.Node("add_scalar", [c.Node("abs", [a])], new JsonObject { ["s"] = 0.5 })], new JsonObject { ["p"] = 2.5 })], new JsonObject { ["dim"] = 0, ["keepdim"] = true })]),
            c.Node("sum", [c.Node("matmul", [a, c.Node("t", [b])])]),
        };
        string total = terms[0];
        foreach (var t in terms.Skip(1))
        {
            total = c.Node("add", [total, t]);
        }
        c.Project([], g);
        return c;
    }
}
