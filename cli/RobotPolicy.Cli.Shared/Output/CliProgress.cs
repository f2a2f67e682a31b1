using Spectre.Console;

namespace RobotPolicy.Cli.Output;

/// <summary>A display of one or more long tasks (<see cref="CliProgress"/>).</summary>
internal interface IProgressBoard
{
    /// <summary>
    /// Adds a task of <paramref name="maxValue"/> units; <paramref name="autoStart"/> false waits for
    /// <see cref="IProgressItem.Start"/>; an <paramref name="indeterminate"/> one is of unknown length (busy, no
    /// percentages) until told otherwise.
    /// </summary>
    IProgressItem Add(string description, double maxValue, bool autoStart = true, bool indeterminate = false);

    /// <summary>Redraws now (for displays set up without automatic refresh).</summary>
    void Refresh();
}

/// <summary>One task on a <see cref="IProgressBoard"/>; its description is Spectre markup (escape what is not).</summary>
internal interface IProgressItem
{
    string Description { get; set; }

    double Value { get; set; }

    double MaxValue { get; }

    void Start();

    /// <summary>The task is over (reached its end or not).</summary>
    void Stop();

    /// <summary>Whether the task's length is unknown (shown as busy; no percentages).</summary>
    void Indeterminate(bool indeterminate);
}

/// <summary>
/// Progress of long work: live bars on a terminal (Spectre.Console), and on a file or a pipe, where Spectre's own
/// fallback repeats a task's line at 25, 50, 75 and every percent from 95, one line when a task starts, one per
/// 10% and one when it ends.
/// </summary>
internal static class CliProgress
{
    /// <param name="live">how the terminal display looks (columns, refresh); not used off a terminal.</param>
    public static void Run(Func<Progress, Progress> live, Action<IProgressBoard> body)
    {
        if (!TerminalOutput.IsInteractive)
        {
            body(new LineProgressBoard());
            return;
        }
        live(AnsiConsole.Progress()).Start(ctx => body(new LiveProgressBoard(ctx)));
    }

    public static async Task RunAsync(Func<Progress, Progress> live, Func<IProgressBoard, Task> body)
    {
        if (!TerminalOutput.IsInteractive)
        {
            await body(new LineProgressBoard()).ConfigureAwait(false);
            return;
        }
        await live(AnsiConsole.Progress()).StartAsync(ctx => body(new LiveProgressBoard(ctx))).ConfigureAwait(false);
    }

    /// <summary>Spectre.Console's live display, as it is.</summary>
    private sealed class LiveProgressBoard(ProgressContext context) : IProgressBoard
    {
        public IProgressItem Add(string description, double maxValue, bool autoStart = true, bool indeterminate = false) =>
            new LiveItem(context.AddTask(description, autoStart, maxValue).IsIndeterminate(indeterminate));

        public void Refresh() => context.Refresh();
    }

    private sealed class LiveItem(ProgressTask task) : IProgressItem
    {
        public string Description
        {
            get => task.Description;
            set => task.Description = value;
        }

        public double Value
        {
            get => task.Value;
            set => task.Value = value;
        }

        public double MaxValue => task.MaxValue;

        public void Start() => task.StartTask();

        public void Stop() => task.StopTask();

        public void Indeterminate(bool indeterminate) => task.IsIndeterminate(indeterminate);
    }
}
