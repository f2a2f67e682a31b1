using System.Diagnostics;
using RobotPolicy.Control.Safety;
using RobotPolicy.Runtime.Diagnostics;

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
    private readonly Window _window = new();
    private readonly Window _total = new();
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

    /// <summary>Counts and latency histograms over a stretch of cycles.</summary>
    private sealed class Window
    {
        private readonly LatencyHistogram _latency = new();
        private readonly LatencyHistogram _inference = new();
        private long _firstReceived = -1;
        private long _lastReceived;
        private long _watchdog, _badOutput, _clipped, _rateLimited, _softStart;

        public long Cycles { get; private set; }

        public double Seconds => _firstReceived < 0 ? 0 : (_lastReceived - _firstReceived) / 1e9;

        public void Add(CycleRecord record)
        {
            switch (record.Kind)
            {
                case CycleKind.Watchdog:
                    _watchdog++;
                    return;
                case CycleKind.BadOutput:
                    _badOutput++;
                    return;
                case CycleKind.Policy:
                    break;
                default:
                    return;
            }
            Cycles++;
            if (_firstReceived < 0)
            {
                _firstReceived = record.ReceivedNanoseconds;
            }
            _lastReceived = record.ReceivedNanoseconds;
            _latency.Record(Math.Max(0, record.SentNanoseconds - record.ReceivedNanoseconds));
            _inference.Record(Math.Max(0, record.InferenceNanoseconds));
            _clipped += (record.Safety & SafetyEvents.Clipped) != 0 ? 1 : 0;
            _rateLimited += (record.Safety & SafetyEvents.RateLimited) != 0 ? 1 : 0;
            _softStart += (record.Safety & SafetyEvents.SoftStart) != 0 ? 1 : 0;
        }

        public ControlSummary Summarize(long telemetryDropped)
        {
            double seconds = Seconds;
            bool any = _latency.Count > 0;
            return new ControlSummary(
                seconds,
                Cycles,
                seconds > 0 ? (Cycles - 1) / seconds : 0,
                any ? _latency.ValueAtPercentile(50) / 1e3 : 0,
                any ? _latency.ValueAtPercentile(99) / 1e3 : 0,
                any ? _latency.Max / 1e3 : 0,
                any ? _inference.ValueAtPercentile(50) / 1e3 : 0,
                any ? _inference.ValueAtPercentile(99) / 1e3 : 0,
                _watchdog, _badOutput, _clipped, _rateLimited, _softStart, telemetryDropped);
        }

        public void Reset()
        {
            _latency.Reset();
            _inference.Reset();
            _firstReceived = -1;
            _lastReceived = 0;
            Cycles = 0;
            _watchdog = _badOutput = _clipped = _rateLimited = _softStart = 0;
        }
    }
}
