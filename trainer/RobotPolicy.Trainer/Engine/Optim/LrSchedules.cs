namespace RobotPolicy.Trainer.Engine.Optim;

/// <summary>Sets an optimizer's learning rate from the number of scheduler steps taken.</summary>
public abstract class LrScheduler(torch.optim.Optimizer optimizer)
{
    public torch.optim.Optimizer Optimizer { get; } = optimizer;

    public int last_epoch { get; private set; }

    public void step()
    {
        last_epoch++;
        Optimizer.lr = Factor(last_epoch) * Optimizer.initial_lr;
    }

    protected abstract double Factor(int epoch);
}

/// <summary>Linear change of the factor from <c>start</c> to <c>end</c> over <c>totalIters</c> steps, then constant.</summary>
public sealed class LinearLR : LrScheduler
{
    private readonly double _start, _end;
    private readonly int _total;

    public LinearLR(torch.optim.Optimizer optimizer, double startFactor, double endFactor, int totalIters) : base(optimizer)
    {
        _start = startFactor;
        _end = endFactor;
        _total = Math.Max(1, totalIters);
        optimizer.lr = optimizer.initial_lr * startFactor;
    }

    protected override double Factor(int epoch) => _start + (_end - _start) * Math.Min(epoch, _total) / _total;
}

/// <summary>Cosine annealing from the initial rate to <c>etaMin</c> over <c>tMax</c> steps.</summary>
public sealed class CosineAnnealingLR(torch.optim.Optimizer optimizer, int tMax, double etaMin = 0) : LrScheduler(optimizer)
{
    protected override double Factor(int epoch)
    {
        double lr0 = Optimizer.initial_lr;
        double lr = etaMin + (lr0 - etaMin) * (1 + Math.Cos(Math.PI * Math.Min(epoch, tMax) / tMax)) / 2;
        return lr / lr0;
    }
}
