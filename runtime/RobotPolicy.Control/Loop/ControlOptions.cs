using RobotPolicy.Bridge.Messages;

namespace RobotPolicy.Control.Loop;

/// <summary>How `robotpolicy run` drives the robot. The defaults suit a 50 Hz policy on a robot that damps its
/// joints safely; a position-controlled robot that should stand still rather than go limp uses <see cref="ActionMode.Hold"/>.</summary>
public sealed record ControlOptions
{
    /// <summary>Run at this control period instead of the bundle's (benchmarks at 1 kHz with any bundle); the
    /// robot's Hello must announce it. Null: the bundle's period.</summary>
    public double? PeriodSecondsOverride { get; init; }

    /// <summary>Called on the telemetry thread with every cycle's record (never on the loop's thread): what
    /// benchmarks use to collect per-stage histograms. The record is reused after the call returns.</summary>
    public Action<Telemetry.CycleRecord>? CycleObserver { get; init; }

    /// <summary>How long to wait for the robot's Hello before giving up.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sensor silence after which the watchdog trips and the safe action goes out every cycle; null: five
    /// control periods, at least 50 ms.</summary>
    public TimeSpan? SensorTimeout { get; init; }

    /// <summary>What the runtime commands when it cannot or must not run the policy (watchdog, Ctrl-C, a bad
    /// action): <see cref="ActionMode.Damping"/> or <see cref="ActionMode.Hold"/> (the last targets sent, or the
    /// default pose).</summary>
    public ActionMode SafeAction { get; init; } = ActionMode.Damping;

    /// <summary>Seconds over which targets ramp from the default pose to the policy's after every (re)start; used only
    /// when the bundle has default joint positions; 0 turns it off.</summary>
    public double SoftStartSeconds { get; init; } = 1.0;

    /// <summary>Stop after this many sensor frames were answered; 0: run until stopped.</summary>
    public long MaxCycles { get; init; }

    /// <summary>Try SCHED_FIFO for the loop's thread (needs CAP_SYS_NICE or an rtprio limit; a warning otherwise).</summary>
    public bool Realtime { get; init; }

    /// <summary>SCHED_FIFO priority, 1 to 99.</summary>
    public int RealtimePriority { get; init; } = 80;

    /// <summary>Pin the loop's thread to this CPU; null: leave it to the scheduler.</summary>
    public int? Cpu { get; init; }

    /// <summary>
    /// Microseconds either side of the next sensor frame's expected arrival (the last one's plus a period) during which
    /// the loop polls the transport without sleeping: it is already running when the frame lands, instead of being
    /// woken, which on a VM costs tens of microseconds. Costs twice this much CPU per period; 0 (the default) never spins.
    /// </summary>
    public int SpinMicroseconds { get; init; }

    /// <summary>Cycles the telemetry ring holds for the background writer before it drops records (never blocking the loop).</summary>
    public int TelemetryCapacity { get; init; } = 4096;

    /// <summary>Where to write the telemetry log; null keeps telemetry in memory for the summaries only.</summary>
    public string? TelemetryPath { get; init; }

    /// <summary>How often the loop's summary (rate, latency percentiles, faults) is reported.</summary>
    public TimeSpan SummaryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The sensor timeout for a control period: the option, or five periods and at least 50 ms.</summary>
    public TimeSpan SensorTimeoutFor(double periodSeconds) =>
        SensorTimeout ?? TimeSpan.FromSeconds(Math.Max(0.05, 5 * periodSeconds));
}
