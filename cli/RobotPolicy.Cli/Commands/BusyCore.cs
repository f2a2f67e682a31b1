namespace RobotPolicy.Cli.Commands;

/// <summary>
/// Keeps one core busy while alive (a spinning background thread): what training meets on a machine shared with
/// another job. It is how OpenMP's spin-waiting showed up (ten times slower) before the wait policy was set.
/// </summary>
internal sealed class BusyCore : IDisposable
{
    private volatile bool _stop;
    private readonly Thread _thread;

    public BusyCore()
    {
        _thread = new Thread(Spin) { IsBackground = true, Name = "bench busy core" };
        _thread.Start();
    }

    private void Spin()
    {
        double x = 1;
        while (!_stop)
        {
            x = Math.Sqrt(x + 1);
        }
        GC.KeepAlive(x);
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
