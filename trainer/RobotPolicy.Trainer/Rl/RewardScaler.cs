namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// Divides rewards by the running standard deviation of the discounted return (as CleanRL's NormalizeReward and
/// SB3's VecNormalize do), so that value targets stay near unit scale whatever a domain's reward scale: without
/// it a +1-per-step task has returns near 1/(1−γ) and the clipped value loss can barely move the critic.
/// </summary>
public sealed class RewardScaler
{
    private readonly double[] _discounted;
    private readonly float _gamma;
    private double _mean;
    private double _m2;
    private double _count;

    public RewardScaler(int numEnvs, float gamma)
    {
        _discounted = new double[numEnvs];
        _gamma = gamma;
    }

    public double Std => _count > 1 ? Math.Sqrt(_m2 / _count + 1e-8) : 1.0;

    /// <summary>Updates the return statistics with this step's rewards and scales them in place.</summary>
    public void ScaleInPlace(Span<float> rewards, ReadOnlySpan<bool> episodeEnded)
    {
        for (int e = 0; e < rewards.Length; e++)
        {
            _discounted[e] = _discounted[e] * _gamma + rewards[e];
            _count++;
            double delta = _discounted[e] - _mean;
            _mean += delta / _count;
            _m2 += delta * (_discounted[e] - _mean);
        }
        float scale = (float)(1.0 / Std);
        for (int e = 0; e < rewards.Length; e++)
        {
            rewards[e] *= scale;
            if (episodeEnded[e])
            {
                _discounted[e] = 0;
            }
        }
    }

    public (double Mean, double M2, double Count, double[] Discounted) State => (_mean, _m2, _count, (double[])_discounted.Clone());

    public void Restore(double mean, double m2, double count)
    {
        _mean = mean;
        _m2 = m2;
        _count = count;
    }
}
