using RobotPolicy.Control.Telemetry;

namespace RobotPolicy.Control.Loop;

/// <summary>Why the loop stopped.</summary>
public enum ControlStop
{
    /// <summary>Ctrl-C (or the owner's cancellation): the safe action went out first.</summary>
    Cancelled,

    /// <summary>The cycle count given was reached: the safe action went out first.</summary>
    CyclesDone,

    /// <summary>The robot sent an EStop: the safe state was commanded within the cycle.</summary>
    EStop,

    /// <summary>The link failed (the stream ended, the cable was pulled).</summary>
    RobotLost,

    /// <summary>The robot said goodbye (its episodes were done, it shut down): the safe action went out first.</summary>
    RobotEnded,
}

/// <summary>How a run ended and what it did, for the final report.</summary>
public sealed record ControlResult(
    ControlStop Stop,
    string Detail,
    ControlSummary Total,
    long WatchdogTrips,
    long HellosAccepted,
    string Transport);
