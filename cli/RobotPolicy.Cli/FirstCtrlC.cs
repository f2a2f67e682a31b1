namespace RobotPolicy.Cli;

/// <summary>
/// Turns the first Ctrl-C into a cancellation request the command finishes cleanly on (save, report, exit 130);
/// a second Ctrl-C is not intercepted and ends the process at once. Dispose to stop listening; <see cref="Requested"/>
/// still answers afterwards (the source holds no timer or registration, so it is left to the collector).
/// </summary>
internal sealed class FirstCtrlC : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public FirstCtrlC() => Console.CancelKeyPress += OnCancel;

    public CancellationToken Token => _stop.Token;

    public bool Requested => _stop.IsCancellationRequested;

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_stop.IsCancellationRequested)
        {
            e.Cancel = true;
            _stop.Cancel();
        }
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
    }
}
