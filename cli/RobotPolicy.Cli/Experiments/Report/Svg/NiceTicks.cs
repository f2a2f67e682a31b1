namespace RobotPolicy.Cli.Experiments.Report.Svg;

/// <summary>
/// Axis ticks at round numbers (1, 2 or 5 times a power of ten) that cover a range with about the asked-for count,
/// and the range widened to the outer ticks so the data never touches the frame at an odd value.
/// </summary>
internal sealed record NiceTicks(ValueRange Range, IReadOnlyList<double> Values, double Step)
{
    public static NiceTicks For(ValueRange data, int about = 5)
    {
        double rough = data.Span / Math.Max(1, about);
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(f => f * power).First(s => s >= rough);
        double low = Math.Floor(data.Min / step) * step;
        double high = Math.Ceiling(data.Max / step) * step;
        int count = (int)Math.Round((high - low) / step);
        // Rounded to the step's decimals: 3 * 0.2 is 0.6000000000000001 in binary, and a label should say 0.6.
        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)), 0, 15);
        var values = Enumerable.Range(0, count + 1).Select(i => Math.Round(low + i * step, decimals)).ToArray();
        return new NiceTicks(new ValueRange(low, high), values, step);
    }

    /// <summary>Round ticks inside <paramref name="data"/>, which stays the range: for an axis that should end where
    /// the data ends (training steps), not at the next round number.</summary>
    public static NiceTicks Within(ValueRange data, int about = 5)
    {
        var outer = For(data, about);
        const double Slack = 1e-9;
        var inside = outer.Values.Where(v => v >= data.Min - Slack * outer.Step && v <= data.Max + Slack * outer.Step).ToArray();
        return new NiceTicks(data, inside, outer.Step);
    }
}
