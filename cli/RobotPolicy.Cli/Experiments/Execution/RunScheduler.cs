using RobotPolicy.Cli.Experiments.Plan;

namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>
/// Runs a plan: skips runs whose result exists, starts the others in plan order as soon as the runs they need have
/// results, at most <c>jobs</c> at a time, and carries on past failures (a failed run only blocks the runs that need
/// it). On stop it starts nothing more and waits for the runs under way. The bookkeeping and the observer calls
/// happen one at a time, never concurrently; only the child processes run in parallel.
/// </summary>
internal sealed class RunScheduler(IReadOnlyList<PlannedRun> runs, int jobs, Func<PlannedRun, Task<ChildExit>> start, IRunObserver observer)
{
    public async Task<IReadOnlyList<RunReport>> RunAsync(CancellationToken stop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var reports = new Dictionary<PlannedRun, RunReport>();
        var waiting = new List<PlannedRun>();
        foreach (var run in runs)
        {
            if (run.IsDone)
            {
                Report(reports, new RunReport(run, RunState.AlreadyDone));
            }
            else
            {
                waiting.Add(run);
            }
        }

        var running = new Dictionary<Task<ChildExit>, PlannedRun>();
        while (true)
        {
            if (!stop.IsCancellationRequested)
            {
                StartReadyRuns(waiting, running, reports);
            }
            if (running.Count == 0)
            {
                break;
            }
            var ended = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var endedRun = running[ended];
            running.Remove(ended);
            Report(reports, Judge(endedRun, await ended.ConfigureAwait(false)));
        }

        foreach (var run in waiting)
        {
            Report(reports, new RunReport(run, RunState.NotStarted));
        }
        return runs.Select(r => reports[r]).ToArray();
    }

    private void StartReadyRuns(List<PlannedRun> waiting, Dictionary<Task<ChildExit>, PlannedRun> running, Dictionary<PlannedRun, RunReport> reports)
    {
        for (int i = 0; i < waiting.Count && running.Count < jobs; i++)
        {
            var run = waiting[i];
            if (run.Needs.FirstOrDefault(n => reports.TryGetValue(n, out var r) && !r.State.HasResult()) is { } failedNeed)
            {
                waiting.RemoveAt(i--);
                Report(reports, new RunReport(run, RunState.Blocked, $"needs {failedNeed.Name}, which has no result"));
            }
            else if (run.Needs.All(n => reports.TryGetValue(n, out var r) && r.State.HasResult()))
            {
                waiting.RemoveAt(i--);
                observer.Started(run);
                running.Add(StartSafely(run), run);
            }
        }
    }

    // A launcher that throws (it should not) fails its run instead of the whole experiment.
    private async Task<ChildExit> StartSafely(PlannedRun run)
    {
        try
        {
            return await start(run).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return new ChildExit(null, 0, e.Message);
        }
    }

    private static RunReport Judge(PlannedRun run, ChildExit exit) => exit switch
    {
        { ExitCode: null } => new RunReport(run, RunState.Failed, $"could not start: {exit.StartError}"),
        { ExitCode: ChildExit.Interrupted } => new RunReport(run, RunState.Interrupted, "interrupted"),
        { ExitCode: 0 } when run.IsDone => new RunReport(run, RunState.Succeeded),
        { ExitCode: 0 } => new RunReport(run, RunState.Failed, $"exited 0 but wrote no {run.Method.Run.ResultFile}"),
        _ => new RunReport(run, RunState.Failed, $"exit code {exit.ExitCode}"),
    };

    private void Report(Dictionary<PlannedRun, RunReport> reports, RunReport report)
    {
        reports[report.Run] = report;
        observer.Ended(report);
    }
}
