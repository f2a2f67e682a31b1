namespace RobotPolicy.Control.Hil;

/// <summary>Background threads of busy arithmetic at normal priority, to benchmark a loop on a loaded machine.</summary>
internal sealed class CpuLoad : IDisposable
{
    private readonly Thread[] _threads;
    private volatile bool _stop;

    public CpuLoad(int threads)
    {
        _threads = [.. Enumerable.Range(0, Math.Max(0, threads)).Select(i => new Thread(Spin) { IsBackground = true, Name = $"hil load {i}" })];
        foreach (Thread thread in _threads)
        {
            thread.Start();
        }
    }

    public void Dispose()
    {
        _stop = true;
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
    }

    private void Spin()
    {
        double x = 1.0;
        while (!_stop)
        {
            for (int i = 0; i < 100_000; i++)
            {
                x = Math.Sqrt(x + i);
            }
        }
        GC.KeepAlive(x);
    }
}
