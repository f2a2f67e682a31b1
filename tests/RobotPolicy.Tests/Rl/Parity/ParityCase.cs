using System.Text.Json.Nodes;
using RobotPolicy.Trainer.Rl;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace RobotPolicy.Tests.Rl.Parity;

/// <summary>
/// A computation written as nodes over named input tensors, run once by the trainer's code on TorchSharp (here) and
/// once by PyTorch (Oracles/torch_parity.py), so that the two gradients can be compared. The loss is sum(output · proj).
/// </summary>
internal sealed class ParityCase(string name)
{
    private readonly List<(string Name, long[] Shape, float[] Data, bool Grad)> _tensors = [];
    private readonly List<(string Out, string Op, string[] In, JsonObject Attrs)> _nodes = [];
    private int _next;

    public string Name { get; } = name;

    public string Output { get; private set; } = "";

    public string Input(long[] shape, float[] data, bool grad = true, string? id = null)
    {
        string n = id ?? $"x{_tensors.Count}";
        _tensors.Add((n, shape, data, grad));
        return n;
    }

    public string Node(string op, string[] inputs, JsonObject? attrs = null)
    {
        string n = $"n{_next++}";
        _nodes.Add((n, op, inputs, attrs ?? []));
        Output = n;
        return n;
    }

    /// <summary>Adds the projection the loss uses; call last, with the output's element count.</summary>
    public void Project(long[] outputShape, CaseRandom g)
    {
        long count = outputShape.Aggregate(1L, (a, d) => a * d);
        Input(outputShape, Enumerable.Range(0, (int)count).Select(_ => g.NextNormal()).ToArray(), grad: false, id: "proj");
    }

    public JsonObject ToJson()
    {
        var tensors = new JsonObject();
        foreach (var t in _tensors)
        {
            tensors[t.Name] = new JsonObject
            {
                ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data"] = new JsonArray(t.Data.Select(v => (JsonNode)(double)v).ToArray()),
                ["grad"] = t.Grad,
            };
        }
        var nodes = new JsonArray();
        foreach (var n in _nodes)
        {
            nodes.Add(new JsonObject
            {
                ["out"] = n.Out,
                ["op"] = n.Op,
                ["in"] = new JsonArray(n.In.Select(i => (JsonNode)i).ToArray()),
                ["attrs"] = n.Attrs.DeepClone(),
            });
        }
        return new JsonObject { ["name"] = Name, ["tensors"] = tensors, ["nodes"] = nodes, ["output"] = Output };
    }

    /// <summary>Runs the case in the trainer's code; returns the loss and the gradient of every input that requires grad.</summary>
    public (double Loss, Dictionary<string, float[]> Grads) RunInTrainer()
    {
        LibTorch.Start();
        var env = new Dictionary<string, Tensor>();
        foreach (var t in _tensors)
        {
            env[t.Name] = torch.tensor(t.Data, t.Shape, requires_grad: t.Grad);
        }
        foreach (var n in _nodes)
        {
            env[n.Out] = Apply(n.Op, n.Attrs, n.In.Select(i => env[i]).ToArray());
        }
        var output = env[Output];
        var loss = (output * env["proj"].reshape(output.shape)).sum();
        loss.backward();
        var grads = _tensors.Where(t => t.Grad).ToDictionary(t => t.Name, t => env[t.Name].grad?.ToFloats() ?? new float[t.Data.Length]);
        return (loss.item<float>(), grads);
    }

    private static Tensor Apply(string op, JsonObject a, Tensor[] x)
    {
        float Fl(string k) => (float)a[k]!.GetValue<double>();
        int In(string k) => a[k]!.GetValue<int>();
        bool Bo(string k) => a[k]!.GetValue<bool>();
        int[] Ints(string k) => a[k]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        Tensor Longs(string k) => torch.tensor(Ints(k).Select(v => (long)v).ToArray());
        return op switch
        {
            "add" => x[0].Plus(x[1]),
            "mul_scalar" => x[0] * Scalars.Keep(Fl("s")),
            "add_scalar" => x[0].Plus(Fl("s")),
            "pow" => x[0].pow(Scalars.Keep(Fl("p"))),
            "abs" => x[0].abs(),
            "tanh" => x[0].tanh(),
            "elu" => x[0].elu(Scalars.Keep(Fl("alpha")), Scalars.Keep(1.0), Scalars.Keep(1.0)),
            "sum" => x[0].sum(),
            "mean" => x[0].mean(),
            "mean_dim" => x[0].mean([In("dim")], Bo("keepdim")),
            "min_dim" => x[0].min(In("dim"), Bo("keepdim")).values,
            "matmul" => x[0].matmul(x[1]),
            "linear" => F.linear(x[0], x[1], x[2]),
            "t" => x[0].t(),
            "gather" => x[0].gather(1, Longs("index").reshape(x[0].shape[0], -1)),
            "reshape" => x[0].reshape(Ints("shape").Select(d => (long)d).ToArray()),
            "scale_grad" => x[0].scale_grad(Fl("factor")),
            "mse" => F.mse_loss(x[0], x[1]),
            "huber" => F.huber_loss(x[0], x[1], delta: Fl("delta")),
            "cross_entropy" => F.cross_entropy(x[0], Longs("targets")),
            "info_nce" => ContrastiveLoss.info_nce(x[0], x[1], Fl("tau"), Bo("symmetric")),
            "cat_logprob" => ActionDistributions.CategoricalLogProb(x[0], torch.tensor(Ints("actions").Select(v => (float)v).ToArray())),
            "cat_entropy" => ActionDistributions.CategoricalEntropy(x[0]),
            "cat_kl" => ActionDistributions.CategoricalKl(x[0], x[1]),
            "normal_logprob" => ActionDistributions.GaussianLogProb(x[0], x[1], x[2]),
            "normal_entropy" => ActionDistributions.GaussianEntropy(x[0], x[1]),
            "normal_kl" => ActionDistributions.GaussianKl(x[0], x[1], x[2], x[3]),
            "ppo" => PpoLoss.Compute(x[0], x[1], x[2], x[3], x[4], x[5], x[6], new PpoLossSettings
            {
                ClipRatio = Fl("clip"),
                ValueClip = a["vclip"] is null ? null : Fl("vclip"),
                ValueCoefficient = Fl("vcoef"),
                EntropyCoefficient = Fl("ecoef"),
            }).Total,
            _ => throw new ArgumentException($"unknown op {op}"),
        };
    }
}
