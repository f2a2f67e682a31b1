using RobotPolicy.Cli.Experiments.Report.Svg;
using RobotPolicy.Cli.Experiments.Statistics;

namespace RobotPolicy.Cli.Experiments.Report;

/// <summary>
/// Averages the learning curves of several seeds on one grid of env steps: each seed is interpolated linearly onto
/// the grid, and each grid point gets the mean and 95% interval (Student t, as the tables) of the seeds that reach it.
/// </summary>
internal static class SeedAverage
{
    public static IReadOnlyList<CurvePoint> Of(IReadOnlyList<IReadOnlyList<(double Steps, double Return)>> seeds, int maxPoints = 160)
    {
        var curves = seeds.Where(c => c.Count > 0).ToArray();
        if (curves.Length == 0)
        {
            return [];
        }
        // Every seed of a method logs at the same steps (one row per update of the same batch size), so the longest
        // curve's own steps, thinned to a legible number of points, make the grid.
        var longest = curves.MaxBy(c => c[^1].Steps)!;
        int stride = Math.Max(1, (int)Math.Ceiling(longest.Count / (double)maxPoints));
        var grid = longest.Where((_, i) => i % stride == 0 || i == longest.Count - 1).Select(p => p.Steps);

        var points = new List<CurvePoint>();
        foreach (double x in grid)
        {
            var values = curves.Select(c => At(c, x)).OfType<double>().ToArray();
            if (MeanWithInterval.Of(values) is { } stat)
            {
                points.Add(new CurvePoint(x, stat.Mean, stat.Low, stat.High));
            }
        }
        return points;
    }

    // Linear interpolation inside the curve's steps; null outside them (a seed that stopped early does not count there).
    private static double? At(IReadOnlyList<(double Steps, double Return)> curve, double x)
    {
        if (x < curve[0].Steps || x > curve[^1].Steps)
        {
            return null;
        }
        for (int i = 1; i < curve.Count; i++)
        {
            if (x <= curve[i].Steps)
            {
                var (x0, y0) = curve[i - 1];
                var (x1, y1) = curve[i];
                return x1 == x0 ? y1 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
            }
        }
        return curve[0].Return;
    }
}
