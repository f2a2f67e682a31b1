namespace RobotPolicy.Trainer.Engine;

/// <summary>SGD with optional momentum and weight decay (PyTorch's formulation: buf ← μ·buf + g; p ← p − lr·buf).</summary>
public sealed class SGD : torch.optim.Optimizer
{
    private readonly float[][]? _momentum;

    internal SGD(IEnumerable<Tensor> parameters, double lr, double momentum, double weightDecay) : base(parameters, lr)
    {
        Momentum = momentum;
        WeightDecay = weightDecay;
        _momentum = momentum == 0 ? null : Parameters.Select(p => new float[p.Data.Length]).ToArray();
    }

    public double Momentum { get; }
    public double WeightDecay { get; }

    public override void step()
    {
        bool first = step_count == 0;
        step_count++;
        float lrF = (float)lr, mu = (float)Momentum, wd = (float)WeightDecay;
        for (int k = 0; k < Parameters.Length; k++)
        {
            var p = Parameters[k];
            if (p.GradBuffer is not { } g)
            {
                continue;
            }
            var w = p.Data;
            for (int i = 0; i < w.Length; i++)
            {
                float gi = g[i] + wd * w[i];
                if (_momentum is { } buffers)
                {
                    buffers[k][i] = first ? gi : mu * buffers[k][i] + gi;
                    gi = buffers[k][i];
                }
                w[i] -= lrF * gi;
            }
        }
    }
}
