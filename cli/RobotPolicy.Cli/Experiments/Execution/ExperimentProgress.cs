using NLog;
using RobotPolicy.Cli.Experiments.Plan;
using RobotPolicy.Cli.Output;
using Spectre.Console;

namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>
/// Shows a running experiment: one bar for the runs done out of all, one line per run under way (hidden when it
/// ends), and a line for every run that fails, with its log. Everything also goes to the NLog log.
/// </summary>
internal sealed class ExperimentProgress : IRunObserver
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    private readonly IProgressBoard _board;
    private readonly IProgressItem _overall;
    private readonly Dictionary<PlannedRun, IProgressItem> _current = [];
    private readonly int _total;
    private int _ended;
    private int _failed;

    public ExperimentProgress(IProgressBoard board, int total)
    {
        _board = board;
        _total = total;
        _overall = board.Add(Describe(), maxValue: Math.Max(1, total));
    }

    public static void Show(Func<ExperimentProgress, Task> body, int total) =>
        CliProgress.RunAsync(
            live => live.HideCompleted(true).Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn()),
            board => body(new ExperimentProgress(board, total)))
            .GetAwaiter().GetResult();

    public void Started(PlannedRun run)
    {
        Log.Info("start {Run} in {Directory}", run.Name, run.Directory);
        _current[run] = _board.Add($"  {Markup.Escape(run.Name)}", maxValue: 1, indeterminate: true);
    }

    public void Ended(RunReport report)
    {
        _ended++;
        if (_current.Remove(report.Run, out var task))
        {
            task.Indeterminate(false);
            task.Value = 1;
            task.Stop();
        }
        switch (report.State)
        {
            case RunState.AlreadyDone:
                Log.Info("{Run} already done: {Result}", report.Run.Name, report.Run.ResultPath);
                break;
            case RunState.Succeeded:
                Log.Info("{Run} done", report.Run.Name);
                break;
            case RunState.Failed or RunState.Blocked:
                _failed++;
                Log.Warn("{Run} {State}: {Reason}; log {LogPath}", report.Run.Name, report.State, report.Reason, report.Run.LogPath);
                AnsiConsole.MarkupLine($"[red]{report.State.ToString().ToLowerInvariant()}[/]: {Markup.Escape(report.Run.Name)} ({Markup.Escape(report.Reason ?? "")}); log: {Markup.Escape(report.Run.LogPath)}");
                break;
            default:
                Log.Info("{Run} {State}", report.Run.Name, report.State);
                break;
        }
        _overall.Value = _ended;
        _overall.Description = Describe();
    }

    private string Describe() => $"runs {_ended}/{_total}" + (_failed > 0 ? $", [red]{_failed} failed[/]" : "");
}
