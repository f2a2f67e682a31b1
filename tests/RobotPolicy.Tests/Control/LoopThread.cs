using RobotPolicy.Control.Loop;

namespace RobotPolicy.Tests.Control;

/// <summary>A control loop running on a thread of its own, as `robotpolicy run` runs it; <see cref="Join"/> gives its result or rethrows what stopped it.</summary>
internal sealed class LoopThread
{
    private readonly Thread _thread;
    private ControlResult? _result;
    private Exception? _failure;

    public LoopThread(ControlLoop loop, CancellationToken cancel)
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
        }) { IsBackground = true, Name = "test control loop" };
        _thread.Start();
    }

    public ControlResult Join()
    {
        Assert.True(_thread.Join(TimeSpan.FromSeconds(30)), "the control loop did not stop within 30 s");
        if (_failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
        }
        return _result!;
    }
}
