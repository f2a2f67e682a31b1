namespace RobotPolicy.Cli.Experiments.Report.Svg;

/// <summary>A closed interval of data values (never empty: a single value is widened so it can be drawn).</summary>
internal readonly record struct ValueRange(double Min, double Max)
{
    public double Span => Max - Min;

    public static ValueRange Covering(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values.Where(double.IsFinite))
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (!double.IsFinite(min))
        {
            return new ValueRange(0, 1);
        }
        if (max - min < 1e-9)
        {
            double pad = Math.Max(Math.Abs(min) * 0.1, 0.5);
            return new ValueRange(min - pad, max + pad);
        }
        return new ValueRange(min, max);
    }

    public double Clamp(double value) => Math.Clamp(value, Min, Max);
}
