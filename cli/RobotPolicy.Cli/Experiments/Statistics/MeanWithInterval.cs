namespace RobotPolicy.Cli.Experiments.Statistics;

/// <summary>
/// The mean of one quantity over seeds and its 95% confidence interval, mean ± t(0.975, n−1) · s / √n with s the
/// sample standard deviation (Student t: with a handful of seeds the normal 1.96 would claim far too much).
/// One seed has no interval: <see cref="HalfWidth"/> is null, and the tables say so.
/// </summary>
internal sealed record MeanWithInterval(double Mean, double? HalfWidth, int Count, IReadOnlyList<double> Values)
{
    public const double Confidence = 0.95;

    public double? Low => HalfWidth is double h ? Mean - h : null;

    public double? High => HalfWidth is double h ? Mean + h : null;

    /// <summary>Null when there are no values (every run of the cell failed, or the method does not have this quantity).</summary>
    public static MeanWithInterval? Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        double mean = values.Average();
        if (values.Count == 1)
        {
            return new MeanWithInterval(mean, null, 1, values);
        }
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        double t = StudentT.Quantile(1 - (1 - Confidence) / 2, values.Count - 1);
        return new MeanWithInterval(mean, t * Math.Sqrt(variance / values.Count), values.Count, values);
    }
}
