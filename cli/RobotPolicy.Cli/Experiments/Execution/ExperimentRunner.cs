using System.Diagnostics;
using NLog;
using RobotPolicy.Cli.Experiments.Plan;
using RobotPolicy.Cli.Experiments.Report;
using RobotPolicy.Cli.Experiments.Results;
using Spectre.Console;

namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>
/// Runs a planned experiment to the end: every missing run (in parallel, with progress), then the results from
/// every run that has one, however old, written as files and a console table.
/// </summary>
internal static class ExperimentRunner
{
    public const int Interrupted = 130;

    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    /// <returns>0 when every run has a result; 1 when some failed (the suite still ran the rest); 130 after Ctrl-C.</returns>
    public static int Run(ExperimentPlan plan, int jobs, string command)
    {
        int alreadyDone = plan.Runs.Count(r => r.IsDone);
        Log.Info("experiment {Suite}: {Runs} runs ({Done} already done), {Seeds} seeds, {Jobs} jobs, into {Directory}",
            plan.Suite.Name, plan.Runs.Count, alreadyDone, plan.Seeds, jobs, plan.Directory);
        AnsiConsole.MarkupLine($"experiment [bold]{plan.Suite.Name}[/]: {plan.Runs.Count} runs, {alreadyDone} already done; up to {jobs} at a time; {Markup.Escape(plan.Directory)}");

        // Ctrl-C reaches the runs too (same process group): train runs save a checkpoint. The first one only stops
        // new runs from starting; a second one ends the experiment at once.
        var stop = new FirstCtrlC();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<RunReport> reports = [];
        try
        {
            var runner = new ChildRunner(plan, Math.Max(1, Environment.ProcessorCount / jobs));
            ExperimentProgress.Show(async progress =>
                reports = await new RunScheduler(plan.Runs, jobs, runner.RunAsync, progress).RunAsync(stop.Token).ConfigureAwait(false),
                plan.Runs.Count);
        }
        finally
        {
            stop.Dispose();
        }

        var runs = ResultsAggregator.Read(reports);
        var results = ResultsAggregator.Build(plan, runs, command, jobs, clock.Elapsed.TotalSeconds);
        ExperimentOutputs.Write(plan.Directory, results, ReportCurves.Load(reports, runs));
        ResultsConsole.Write(results);
        AnsiConsole.MarkupLine($"{results.RunsWithResults} of {results.RunsPlanned} runs have results; wrote {Markup.Escape(string.Join(", ",
            new[] { ExperimentOutputs.Json, ExperimentOutputs.Markdown, ExperimentOutputs.Report }.Select(f => Path.Combine(plan.Directory, f))))}");
        Log.Info("experiment {Suite} finished in {Seconds} s: {WithResults} of {Planned} runs have results", plan.Suite.Name,
            results.WallSeconds, results.RunsWithResults, results.RunsPlanned);

        if (stop.Requested || reports.Any(r => r.State is RunState.Interrupted or RunState.NotStarted))
        {
            Console.Error.WriteLine($"interrupted: run the same command again to finish the {results.RunsPlanned - results.RunsWithResults} runs without results");
            return Interrupted;
        }
        if (results.Problems.Count > 0)
        {
            var first = results.Problems[0];
            Console.Error.WriteLine($"error: {results.Problems.Count} of {results.RunsPlanned} runs have no result (first: {first.Run}, {first.Reason}; log {first.Log}); " +
                $"the others finished, see {Path.Combine(plan.Directory, ExperimentOutputs.Markdown)}");
            return CommandGuard.UserError;
        }
        return 0;
    }
}
