using System.Text.Json.Nodes;
using RobotPolicy.Trainer.Rl;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Tests.Rl.Parity;

/// <summary>The computations the PyTorch parity test replays: the trainer's losses, with their inputs.</summary>
internal static class ParityCases
{
    private static float[] Randn(CaseRandom g, long n, float scale = 1f) =>
        Enumerable.Range(0, (int)n).Select(_ => g.NextNormal() * scale).ToArray();

    /// <summary>PPO's loss on a categorical policy and a value head over the same observations.</summary>
    public static ParityCase PpoDiscrete(int seed)
    {
        var g = new CaseRandom(seed);
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
            var scores = nn.functional.linear(TensorArrays.Rows(obs, batch, obsDim), TensorArrays.Rows(w, actions, obsDim), TensorArrays.Rows(b, actions));
            current = scores.log_softmax(-1).gather(1, torch.tensor(acts.Select(a => (long)a).ToArray(), [batch, 1])).reshape(-1).ToFloats();
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
        var g = new CaseRandom(seed);
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
            var mean = nn.functional.linear(TensorArrays.Rows(obs, batch, obsDim), TensorArrays.Rows(w, actDim, obsDim), TensorArrays.Rows(b, actDim));
            current = ActionDistributions.GaussianLogProb(mean, TensorArrays.Rows(logStd, actDim), TensorArrays.Rows(actions, batch, actDim)).ToFloats();
        }
        string xObs = c.Input([batch, obsDim], obs, grad: false);
        string meanNode = c.Node("linear", [xObs, c.Input([actDim, obsDim], w), c.Input([actDim], b)]);
        string logStdNode = c.Input([actDim], logStd);
        string logp = c.Node("normal_logprob", [meanNode, logStdNode, c.Input([batch, actDim], actions, grad: false)]);
        string entropy = c.Node("normal_entropy", [meanNode, logStdNode]);
        return FinishPpo(c, g, xObs, obsDim, batch, logp, entropy, current);
    }

    private static ParityCase FinishPpo(ParityCase c, CaseRandom g, string xObs, int obsDim, int batch, string logp, string entropy, float[] current)
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
        var g = new CaseRandom(seed);
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
        var g = new CaseRandom(seed);
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
