using RobotPolicy.Cli.Experiments.Execution;
using RobotPolicy.Cli.Experiments.Plan;
using RobotPolicy.Cli.Experiments.Report.Svg;
using RobotPolicy.Cli.Experiments.Results;

namespace RobotPolicy.Cli.Experiments.Report;

/// <summary>
/// The seed-averaged curves of every domain and method: the acting policy's training return (train runs' metrics.csv;
/// imitate logs none) and the student's evaluated return on the env steps it cost (student-curve.csv, the runs it
/// builds on included).
/// </summary>
internal sealed class ReportCurves(
    IReadOnlyDictionary<(string Domain, string Method), IReadOnlyList<CurvePoint>> training,
    IReadOnlyDictionary<(string Domain, string Method), IReadOnlyList<CurvePoint>> students)
{
    private static readonly Dictionary<(string, string), IReadOnlyList<CurvePoint>> Empty = [];

    public static ReportCurves None { get; } = new(Empty, Empty);

    public IReadOnlyList<CurvePoint> Of(string domain, string method) => training.TryGetValue((domain, method), out var c) ? c : [];

    public IReadOnlyList<CurvePoint> StudentOf(string domain, string method) => students.TryGetValue((domain, method), out var c) ? c : [];

    /// <summary>Reads metrics.csv of every run that has a result (a half-finished run's curve would pull the mean down where it stopped).</summary>
    public static ReportCurves Load(IReadOnlyList<RunReport> reports, RunResults runs)
    {
        var training = reports.Where(r => r.State.HasResult())
            .GroupBy(r => (r.Run.Domain, r.Run.Method.Name))
            .ToDictionary(g => g.Key, g => SeedAverage.Of(g.Select(r => MetricsCurve.Read(r.Run.Directory)).ToArray()));
        var students = runs.StudentCurves
            .GroupBy(c => (c.Key.Domain, c.Key.Method.Name))
            .ToDictionary(g => g.Key, g => SeedAverage.Of(g.Select(c => c.Value.OnChainSteps).ToArray()));
        return new ReportCurves(training, students);
    }
}
