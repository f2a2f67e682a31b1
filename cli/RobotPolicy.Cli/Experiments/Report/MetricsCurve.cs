using System.Globalization;

namespace RobotPolicy.Cli.Experiments.Report;

/// <summary>
/// A train run's learning curve from its metrics.csv: recent_return (the mean return of the last finished episodes of
/// the acting policy) against env_steps. Updates before any episode finished have no return and are left out.
/// </summary>
internal static class MetricsCurve
{
    public const string FileName = "metrics.csv";

    public static IReadOnlyList<(double Steps, double Return)> Read(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            return [];
        }
        var header = lines[0].Split(',');
        int steps = Array.IndexOf(header, "env_steps");
        int recent = Array.IndexOf(header, "recent_return");
        if (steps < 0 || recent < 0)
        {
            return [];
        }
        var points = new List<(double, double)>();
        foreach (string line in lines.Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length > Math.Max(steps, recent)
                && double.TryParse(cells[steps], NumberStyles.Float, CultureInfo.InvariantCulture, out double s)
                && double.TryParse(cells[recent], NumberStyles.Float, CultureInfo.InvariantCulture, out double r)
                && double.IsFinite(r))
            {
                points.Add((s, r));
            }
        }
        return points;
    }
}
