using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// PPO for the GRU student: truncated backpropagation through time over sequences of SequenceLength steps of one
/// env. Each sequence starts from the state the rollout stored for its first step (no gradient flows into it), and
/// the state is zeroed wherever an episode began inside the sequence, exactly as during the rollout.
/// </summary>
public sealed partial class PpoTrainer
{
    private (float Policy, float Value, float Entropy, float Kl, float Clip, int Epochs) OptimizeRecurrent()
    {
        int n = _env.NumEnvs, steps = _config.RolloutSteps, length = _config.SequenceLength, hd = _config.GruHidden;
        int ad = _env.ActionSpace.Dim, actorDim = _observations.ActorDim, criticDim = _observations.CriticDim;
        int chunks = steps / length, sequences = n * chunks, perBatch = sequences / _config.Minibatches, rows = perBatch * length;
        var h0 = new float[perBatch * hd];
        var x = new float[perBatch * actorDim];
        var keep = new float[perBatch * hd];
        var critic = new float[rows * criticDim];
        var actions = new float[rows * ad];
        var oldLogp = new float[rows];
        var adv = new float[rows];
        var returns = new float[rows];
        var oldValues = new float[rows];
        var stats = new OptimizationStats();

        // Rollout row of sequence s (env s % n, chunk s / n) at step j.
        int Row(int s, int j) => ((s / n) * length + j) * n + (s % n);

        for (int epoch = 0; epoch < _config.Epochs; epoch++)
        {
            var order = Permutations.Draw(sequences, Generator);
            for (int start = 0; start < sequences; start += perBatch)
            {
                using var scope = torch.NewDisposeScope();
                for (int b = 0; b < perBatch; b++)
                {
                    _hiddenIn.AsSpan(Row(order[start + b], 0) * hd, hd).CopyTo(h0.AsSpan(b * hd));
                }
                var h = TensorArrays.Rows(h0, perBatch, hd);
                var features = new List<Tensor>(length);
                for (int j = 0; j < length; j++)
                {
                    for (int b = 0; b < perBatch; b++)
                    {
                        int i = Row(order[start + b], j);
                        _actorObs.AsSpan(i * actorDim, actorDim).CopyTo(x.AsSpan(b * actorDim));
                        keep.AsSpan(b * hd, hd).Fill(j > 0 && _episodeStart[i] ? 0f : 1f);
                        // Rows in step-major order, the order the features are concatenated in.
                        int k = j * perBatch + b;
                        _criticObs.AsSpan(i * criticDim, criticDim).CopyTo(critic.AsSpan(k * criticDim));
                        _actions.AsSpan(i * ad, ad).CopyTo(actions.AsSpan(k * ad));
                        oldLogp[k] = _logProbs[i];
                        adv[k] = _advantages[i];
                        returns[k] = _returns[i];
                        oldValues[k] = _values[i];
                    }
                    h = Model.Encode(TensorArrays.Rows(x, perBatch, actorDim), h * TensorArrays.Rows(keep, perBatch, hd));
                    features.Add(h);
                }
                NormalizeAdvantages(adv);
                var (logProb, entropy) = Model.Evaluate(torch.cat(features, 0), actions);
                var values = Model.Value(TensorArrays.Rows(critic, rows, criticDim));
                Apply(PpoLoss.Compute(logProb, TensorArrays.Rows(oldLogp), TensorArrays.Rows(adv), entropy,
                    values, TensorArrays.Rows(oldValues), TensorArrays.Rows(returns), _loss), stats);
            }
            if (stats.EndEpoch(_config.TargetKl))
            {
                break;
            }
        }
        return Finish(stats);
    }

    // The recurrent student's features for one evaluation step; state zeroed for envs whose episode just began.
    private Tensor EncodeForEvaluation(Tensor frames, float[] state, bool[] episodeBegan)
    {
        int hd = _config.GruHidden;
        for (int e = 0; e < episodeBegan.Length; e++)
        {
            if (episodeBegan[e])
            {
                Array.Clear(state, e * hd, hd);
            }
        }
        using var _ = torch.no_grad();
        var h = Model.Encode(frames, TensorArrays.Rows(state, episodeBegan.Length, hd));
        h.ToFloats().CopyTo(state, 0);
        return h;
    }
}
