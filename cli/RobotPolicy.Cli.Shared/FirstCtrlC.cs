namespace RobotPolicy.Cli;

/// <summary>
/// Turns the first Ctrl-C, or a SIGTERM (what `kill`, systemd and docker stop send), into a cancellation request the
/// command finishes cleanly on (save, send the robot its safe command, report, exit 130); a second Ctrl-C is not
/// intercepted and ends the process at once. Dispose to stop listening; <see cref="Requested"/>
/// still answers afterwards (the source holds no timer or registration, so it is left to the collector).
/// </summary>
internal sealed class FirstCtrlC : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Runtime.InteropServices.PosixSignalRegistration? _terminate;

    public FirstCtrlC()
    {
        Console.CancelKeyPress += OnCancel;
        if (!OperatingSystem.IsWindows())
        {
            _terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, OnTerminate);
        }
    }

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

    private void OnTerminate(System.Runtime.InteropServices.PosixSignalContext context)
    {
        // The first SIGTERM is a request to stop cleanly; a second one is left to end the process.
        if (!_stop.IsCancellationRequested)
        {
            context.Cancel = true;
            _stop.Cancel();
        }
    }

    public void Dispose()
    {
        _terminate?.Dispose();
        Console.CancelKeyPress -= OnCancel;
    }
}
