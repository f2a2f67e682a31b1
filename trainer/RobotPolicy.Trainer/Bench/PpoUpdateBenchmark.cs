using System.Diagnostics;
using System.Numerics.Tensors;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Rl;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.Bench;

/// <summary>The shape of the PPO update `bench train` times (the same in C# and in the PyTorch script).</summary>
public sealed record PpoUpdateShape(int ObsDim = 48, int ActDim = 12, int[]? Hidden = null, int Batch = 4096, int Epochs = 4, int Minibatches = 4)
{
    public int[] HiddenSizes => Hidden ?? [256, 256];
}

/// <summary>
/// One PPO update on fixed random data (forward, clipped loss, backward, grad-norm clip, Adam) with the trainer's
/// own model and loss, timed. Mirrors ppo_update_torch.py op for op so the two numbers compare like for like.
/// </summary>
public static class PpoUpdateBenchmark
{
    /// <param name="threads">libtorch intra-op threads (null: the machine's cores).</param>
    public static double MedianSecondsPerUpdate(PpoUpdateShape shape, int updates, int? threads = null)
    {
        LibTorch.Start(threads);
        var generator = new Generator(0);
        var space = ActionSpace.OfBox(Enumerable.Repeat(-1f, shape.ActDim).ToArray(), Enumerable.Repeat(1f, shape.ActDim).ToArray());
        var config = new PpoConfig { Hidden = shape.HiddenSizes };
        var model = new ActorCritic(shape.ObsDim, shape.ObsDim, space, config, generator);
        var optimizer = new TorchExtensions.Adam(model.parameters(), 1e-3, eps: 1e-5);
        var loss = new PpoLossSettings { EntropyCoefficient = 0f };

        int n = shape.Batch, mb = shape.Batch / shape.Minibatches;
        var obs = torch.randn([n, shape.ObsDim], generator: generator).ToFloats();
        var actions = (torch.randn([n, shape.ActDim], generator: generator) * Scalars.Keep(0.5)).ToFloats();
        float[] oldLogp, oldValues;
        using (torch.no_grad())
        {
            oldLogp = model.Evaluate(TensorArrays.Rows(obs, n, shape.ObsDim), actions).LogProb.ToFloats();
            oldValues = model.Value(TensorArrays.Rows(obs, n, shape.ObsDim)).ToFloats();
        }
        var adv = torch.randn([n], generator: generator).ToFloats();
        var returns = torch.randn([n], generator: generator).ToFloats();

        var mbObs = new float[mb * shape.ObsDim];
        var mbActions = new float[mb * shape.ActDim];
        var mbOld = new float[mb];
        var mbAdv = new float[mb];
        var mbRet = new float[mb];
        var mbVal = new float[mb];

        void Update()
        {
            for (int epoch = 0; epoch < shape.Epochs; epoch++)
            {
                var order = Permutations.Draw(n, generator);
                for (int start = 0; start < n; start += mb)
                {
                    using var scope = torch.NewDisposeScope();
                    for (int k = 0; k < mb; k++)
                    {
                        int r = order[start + k];
                        obs.AsSpan(r * shape.ObsDim, shape.ObsDim).CopyTo(mbObs.AsSpan(k * shape.ObsDim));
                        actions.AsSpan(r * shape.ActDim, shape.ActDim).CopyTo(mbActions.AsSpan(k * shape.ActDim));
                        mbOld[k] = oldLogp[r];
                        mbAdv[k] = adv[r];
                        mbRet[k] = returns[r];
                        mbVal[k] = oldValues[r];
                    }
                    float mean = TensorPrimitives.Sum(mbAdv) / mb;
                    float std = MathF.Sqrt(TensorPrimitives.SumOfSquares(mbAdv) / mb - mean * mean) + 1e-8f;
                    TensorPrimitives.Subtract(mbAdv, mean, mbAdv);
                    TensorPrimitives.Divide(mbAdv, std, mbAdv);
                    var x = TensorArrays.Rows(mbObs, mb, shape.ObsDim);
                    var (logp, entropy) = model.Evaluate(x, mbActions);
                    var values = model.Value(x);
                    var terms = PpoLoss.Compute(logp, TensorArrays.Rows(mbOld), TensorArrays.Rows(mbAdv), entropy, values,
                        TensorArrays.Rows(mbVal), TensorArrays.Rows(mbRet), loss);
                    optimizer.zero_grad();
                    terms.Total.backward();
                    torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5);
                    optimizer.step();
                }
            }
        }

        Update();
        var times = new List<double>();
        for (int u = 0; u < updates; u++)
        {
            var clock = Stopwatch.StartNew();
            Update();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
