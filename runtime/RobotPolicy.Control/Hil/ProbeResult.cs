using RobotPolicy.Runtime.Diagnostics;

namespace RobotPolicy.Control.Hil;

/// <summary>What the probe robot measured on its side of the link.</summary>
public sealed class ProbeResult
{
    /// <summary>Sensor timestamp to action received, robot clock, with coordinated-omission correction.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>How late the robot's loop woke for each deadline (the timer's jitter as the robot saw it).</summary>
    public LatencyHistogram WakeLateness { get; } = new();

    public long FramesSent { get; internal set; }

    /// <summary>Actions that arrived before the robot's next deadline.</summary>
    public long OnTime { get; internal set; }

    /// <summary>Actions that arrived after the next frame had gone out.</summary>
    public long Late { get; internal set; }

    /// <summary>Frames whose action never arrived (counted when the run ends).</summary>
    public long Missing { get; internal set; }

    /// <summary>Deadlines the robot's own loop slept through (a stall longer than a period).</summary>
    public long DeadlineMisses { get; internal set; }

    /// <summary>Per 100 ms of the run: the largest latency and wake lateness in it (microseconds), for the jitter-over-time plot.</summary>
    public List<(double Seconds, double MaxLatencyMicroseconds, double MaxWakeMicroseconds)> Timeline { get; } = [];
}
