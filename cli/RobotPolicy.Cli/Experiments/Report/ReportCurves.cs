using RobotPolicy.Cli.Experiments.Execution;
using RobotPolicy.Cli.Experiments.Plan;
using RobotPolicy.Cli.Experiments.Report.Svg;

namespace RobotPolicy.Cli.Experiments.Report;

/// <summary>The seed-averaged learning curve of every domain and method that logs one (train runs; imitate logs none).</summary>
internal sealed class ReportCurves(IReadOnlyDictionary<(string Domain, string Method), IReadOnlyList<CurvePoint>> curves)
{
    public static ReportCurves None { get; } = new(new Dictionary<(string, string), IReadOnlyList<CurvePoint>>());

    public IReadOnlyList<CurvePoint> Of(string domain, string method) => curves.TryGetValue((domain, method), out var c) ? c : [];

    /// <summary>Reads metrics.csv of every run that has a result (a half-finished run's curve would pull the mean down where it stopped).</summary>
    public static ReportCurves Load(IReadOnlyList<RunReport> reports)
    {
        var curves = reports.Where(r => r.State.HasResult())
            .GroupBy(r => (r.Run.Domain, r.Run.Method.Name))
            .ToDictionary(g => g.Key, g => SeedAverage.Of(g.Select(r => MetricsCurve.Read(r.Run.Directory)).ToArray()));
        return new ReportCurves(curves);
    }
}
