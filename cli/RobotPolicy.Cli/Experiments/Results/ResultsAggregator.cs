using RobotPolicy.Cli.Experiments.Execution;
using RobotPolicy.Cli.Experiments.Plan;
using RobotPolicy.Cli.Experiments.Statistics;
using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.Cli.Experiments.Results;

/// <summary>What the runs left: outcomes, student curves on the steps they cost, and the runs without a result.</summary>
internal sealed record RunResults(
    IReadOnlyDictionary<PlannedRun, RunOutcome> Outcomes, IReadOnlyList<RunProblem> Problems, IReadOnlyDictionary<PlannedRun, OffsetCurve> StudentCurves);

/// <summary>A run's student curve and the env steps of the runs it builds on, which come before its own.</summary>
internal sealed record OffsetCurve(IReadOnlyList<Commands.Curves.StudentCurvePoint> Points, long Offset)
{
    public IReadOnlyList<(double Steps, double Return)> OnChainSteps => Points.Select(p => ((double)(Offset + p.EnvSteps), p.StudentReturn)).ToArray();
}

/// <summary>Reads every run's result file and folds the seeds of each domain and method into <see cref="ExperimentResults"/>.</summary>
internal static class ResultsAggregator
{
    public static ExperimentResults Build(ExperimentPlan plan, IReadOnlyList<RunReport> reports, string command, int jobs, double wallSeconds) =>
        Build(plan, Read(reports), command, jobs, wallSeconds);

    /// <summary>Every run's outcome (environment steps counted over the runs it builds on), its student curve, and the runs without results.</summary>
    public static RunResults Read(IReadOnlyList<RunReport> reports)
    {
        var outcomes = new Dictionary<PlannedRun, RunOutcome>();
        var problems = new List<RunProblem>();
        foreach (var report in reports)
        {
            if (!report.State.HasResult())
            {
                problems.Add(new RunProblem(report.Run.Name, report.State.ToString(), report.Reason ?? "", report.Run.LogPath));
                continue;
            }
            try
            {
                var outcome = report.Run.Method.Run.ReadOutcome(report.Run.Directory);
                // The experiment's own record counts every attempt and exists for imitation runs too.
                outcomes[report.Run] = RunRecord.Read(report.Run.Directory) is { } record ? outcome with { WallSeconds = record.WallSeconds } : outcome;
            }
            catch (Exception e) when (e is ResultFileException or IOException)
            {
                problems.Add(new RunProblem(report.Run.Name, "Unreadable", e.Message, report.Run.LogPath));
            }
        }

        // A student built on other runs (DAgger on its teacher, fine-tuning on DAgger) cost their steps too: the
        // environment-steps column counts the whole chain, so methods compare at what they really used.
        long? ChainSteps(PlannedRun run) => outcomes.TryGetValue(run, out var o) && o.EnvSteps is long own
            ? run.Needs.Aggregate((long?)own, (sum, need) => sum + ChainSteps(need))
            : null;
        var chains = outcomes.Keys.ToDictionary(run => run, ChainSteps);
        foreach (var (run, steps) in chains)
        {
            outcomes[run] = outcomes[run] with { EnvSteps = steps };
        }
        // A student's curve is on its own run's steps; the runs it builds on come first (where they all have results).
        var curves = new Dictionary<PlannedRun, OffsetCurve>();
        foreach (var run in outcomes.Keys)
        {
            var points = Commands.Curves.StudentCurveFile.Read(run.Directory);
            long? offset = run.Needs.Aggregate((long?)0, (sum, need) => sum + (chains.TryGetValue(need, out var c) ? c : null));
            if (points.Count > 0 && offset is long o)
            {
                curves[run] = new OffsetCurve(points, o);
            }
        }
        return new RunResults(outcomes, problems, curves);
    }

    public static ExperimentResults Build(ExperimentPlan plan, RunResults runs, string command, int jobs, double wallSeconds)
    {
        var (outcomes, problems, curves) = runs;

        var domains = plan.Suite.Domains.Select(budget =>
        {
            var reference = DomainRegistry.Create(budget.Domain, 1).Reference;
            var rows = plan.Methods.Select(method =>
            {
                var cell = plan.Runs.Where(r => r.Domain == budget.Domain && r.Method == method).ToArray();
                var found = cell.Where(outcomes.ContainsKey).Select(r => outcomes[r]).ToArray();
                var withCurve = cell.Where(curves.ContainsKey).Select(r => curves[r]).ToArray();
                var reached = withCurve.Select(c => StepsToFraction.FirstReaching(c.Points, c.Offset, reference.BestStudent)).OfType<long>().ToArray();
                return new MethodResults(method.Name, method.Label, method.AblationOf, cell.Length, found.Length,
                    Stat(found, o => o.TeacherReturn),
                    Stat(found, o => o.StudentReturn),
                    Stat(found, o => o.ImitationGap),
                    Stat(found, o => o.StudentReturn is double r ? StudentScore.FractionOfBest(r, reference.BestStudent) : null),
                    Stat(found, o => o.EnvSteps),
                    Stat(found, o => o.WallSeconds),
                    MeanWithInterval.Of(reached.Select(steps => (double)steps).ToArray()), withCurve.Length, reached.Length);
            }).ToArray();
            return new DomainResults(budget.Domain, budget.TrainSteps, reference.BestTeacher, reference.BestStudent, reference.CopyTeacher, reference.Notes, rows);
        }).ToArray();

        return new ExperimentResults(plan.Suite.Name, command, plan.Seeds, jobs, DateTime.UtcNow, wallSeconds, plan.Runs.Count, outcomes.Count, domains, problems);
    }

    private static MeanWithInterval? Stat(IEnumerable<RunOutcome> outcomes, Func<RunOutcome, double?> quantity) =>
        MeanWithInterval.Of(outcomes.Select(quantity).OfType<double>().Where(double.IsFinite).ToArray());
}
