using System.Diagnostics;

namespace RobotPolicy.Control.Telemetry;

/// <summary>
/// The telemetry thread: drains the ring the control loop fills, appends each cycle to the log (when there is one),
/// and every summary interval reports the interval's rate, latency percentiles and faults. It runs at normal
/// priority and does the loop's slow work (the disk, the percentiles, the log lines) off the loop's thread.
/// </summary>
public sealed class TelemetryPump : IDisposable
{
    private readonly TelemetryRing _ring;
    private readonly TelemetryLogWriter? _writer;
    private readonly TimeSpan _interval;
    private readonly Action<ControlSummary> _onSummary;
    private readonly Action<CycleRecord>? _observer;
    private readonly Thread _thread;
    private readonly CycleStatistics _window = new();
    private readonly CycleStatistics _total = new();
    private volatile bool _stopping;
    private Exception? _failure;

    public TelemetryPump(TelemetryRing ring, TelemetryLogWriter? writer, TimeSpan interval, Action<ControlSummary> onSummary,
        Action<CycleRecord>? observer = null)
    {
        _observer = observer;
        _ring = ring ?? throw new ArgumentNullException(nameof(ring));
        _writer = writer;
        _interval = interval;
        _onSummary = onSummary ?? throw new ArgumentNullException(nameof(onSummary));
        _thread = new Thread(Run) { IsBackground = true, Name = "robotpolicy telemetry" };
        _thread.Start();
    }

    /// <summary>The whole run so far; complete once the pump is disposed.</summary>
    public ControlSummary Total => _total.Summarize(_ring.Dropped);

    /// <summary>Why writing the log failed (the disk filled up, say), or null; the loop goes on without it.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        _thread.Join();
        _writer?.Dispose();
    }

    private void Run()
    {
        var clock = Stopwatch.StartNew();
        TimeSpan next = _interval;
        while (true)
        {
            bool stopping = _stopping;
            int drained = Drain();
            if (clock.Elapsed >= next || stopping)
            {
                if (_window.Seconds > 0 || _window.Cycles > 0)
                {
                    _onSummary(_window.Summarize(_ring.Dropped));
                }
                _window.Reset();
                next = clock.Elapsed + _interval;
                FlushLog();
            }
            if (stopping)
            {
                return;
            }
            if (drained == 0)
            {
                Thread.Sleep(2);
            }
        }
    }

    private int Drain()
    {
        int count = 0;
        while (_ring.TryBeginRead() is { } record)
        {
            if (_writer is not null && _failure is null)
            {
                try
                {
                    _writer.Write(record);
                }
                catch (IOException e)
                {
                    Volatile.Write(ref _failure, e);
                }
            }
            _window.Add(record);
            _total.Add(record);
            _observer?.Invoke(record);
            _ring.EndRead();
            count++;
        }
        return count;
    }

    private void FlushLog()
    {
        if (_writer is null || _failure is not null)
        {
            return;
        }
        try
        {
            _writer.Flush();
        }
        catch (IOException e)
        {
            Volatile.Write(ref _failure, e);
        }
    }
}
