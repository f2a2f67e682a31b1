using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace RobotPolicy.Cli.Output;

/// <summary>
/// Progress as plain lines, for a file or a pipe: "TASK: started", "TASK: 10%" … "TASK: 90%", "TASK: done in 12.3 s",
/// each printed once, with the task's description as it is at that moment (a training run's carries its latest
/// return). A task of unknown length prints nothing: what it belongs to reports it.
/// </summary>
internal sealed class LineProgressBoard(IAnsiConsole? console = null) : IProgressBoard
{
    // Tasks are updated from timers and worker threads; one lock keeps each task's lines in order and whole.
    private readonly Lock _lock = new();
    private readonly IAnsiConsole _console = console ?? AnsiConsole.Console;

    public IProgressItem Add(string description, double maxValue, bool autoStart = true, bool indeterminate = false)
    {
        var item = new Item(this, description, maxValue, indeterminate);
        if (autoStart)
        {
            item.Start();
        }
        return item;
    }

    public void Refresh()
    {
    }

    private sealed class Item(LineProgressBoard board, string description, double maxValue, bool indeterminate) : IProgressItem
    {
        private readonly Stopwatch _clock = new();
        private double _value;
        private int _tenthsSaid;
        private bool _started;
        private bool _ended;
        private readonly bool _quiet = indeterminate;

        public string Description { get; set; } = description;

        public double MaxValue { get; } = maxValue;

        public double Value
        {
            get => _value;
            set
            {
                lock (board._lock)
                {
                    _value = value;
                    if (!_started || _ended || _quiet || MaxValue <= 0)
                    {
                        return;
                    }
                    if (value >= MaxValue)
                    {
                        End();
                        return;
                    }
                    int tenths = (int)Math.Floor(value / MaxValue * 10);
                    if (tenths > _tenthsSaid)
                    {
                        _tenthsSaid = tenths;
                        board._console.MarkupLine($"{Description}: {tenths * 10}%");
                    }
                }
            }
        }

        public void Start()
        {
            lock (board._lock)
            {
                if (_started)
                {
                    return;
                }
                _started = true;
                _clock.Start();
                if (!_quiet)
                {
                    board._console.MarkupLine($"{Description}: started");
                }
            }
        }

        public void Stop()
        {
            lock (board._lock)
            {
                End();
            }
        }

        /// <summary>A task that started as one of unknown length stays quiet: it never said it started.</summary>
        public void Indeterminate(bool indeterminate)
        {
        }

        private void End()
        {
            if (_ended || !_started)
            {
                return;
            }
            _ended = true;
            if (!_quiet)
            {
                board._console.MarkupLine($"{Description}: done in {_clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            }
        }
    }
}
