namespace RobotPolicy.Control.Loop;

/// <summary>
/// A control loop on a thread of its own, as `run` runs it: real-time priority and CPU pinning (when asked) then
/// apply to the loop alone. <see cref="Join"/> gives the loop's result or rethrows what stopped it.
/// </summary>
public sealed class ControlLoopThread
{
    private readonly Thread _thread;
    private ControlResult? _result;
    private Exception? _failure;

    private ControlLoopThread(ControlLoop loop, CancellationToken cancel, string name)
    {
        _thread = new Thread(() =>
        {
            try
            {
                _result = loop.Run(cancel);
            }
            catch (Exception e)
            {
                _failure = e;
            }
        }) { IsBackground = true, Name = name };
    }

    public static ControlLoopThread Start(ControlLoop loop, CancellationToken cancel, string name = "robotpolicy control loop")
    {
        ArgumentNullException.ThrowIfNull(loop);
        var started = new ControlLoopThread(loop, cancel, name);
        started._thread.Start();
        return started;
    }

    /// <summary>Waits for the loop to stop (up to <paramref name="timeout"/>; forever by default) and returns its result.</summary>
    public ControlResult Join(TimeSpan? timeout = null)
    {
        if (!_thread.Join(timeout ?? Timeout.InfiniteTimeSpan))
        {
            throw new TimeoutException($"the control loop did not stop within {timeout!.Value.TotalSeconds} s");
        }
        if (_failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
        }
        return _result!;
    }
}
