namespace RobotPolicy.Control.Hil;

/// <summary>How `robotpolicy bench hil` runs.</summary>
public sealed record HilOptions
{
    /// <summary>Control rate: sensor frames per second from the probe robot, and the loop's period.</summary>
    public double RateHz { get; init; } = 1000;

    /// <summary>Measured time of each part: the timer floor, then the loop against the probe robot.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>udp (loopback), serial (a socat pseudo-terminal pair) or inprocess.</summary>
    public string Transport { get; init; } = HilTransports.Udp;

    /// <summary>Threads of busy arithmetic at normal priority during both parts: a loaded machine.</summary>
    public int LoadThreads { get; init; }

    /// <summary>SCHED_FIFO for the loop, the probe robot and the floor loop alike.</summary>
    public bool Realtime { get; init; }

    /// <summary>Microseconds the loop (around each frame's expected arrival) and the probe (after each send) poll
    /// instead of sleeping; see <see cref="Loop.ControlOptions.SpinMicroseconds"/>. 0: never.</summary>
    public int SpinMicroseconds { get; init; }

    /// <summary>
    /// One CPU for the loop, the probe robot and the floor loop alike; null: wherever the scheduler puts them. On one
    /// CPU a send hands the CPU to the woken receiver instead of interrupting another CPU to wake it (on a VM, an exit
    /// to the hypervisor), which is the question this setting answers; a real robot's frames arrive by interrupt.
    /// </summary>
    public int? Cpu { get; init; }

    /// <summary>Also run Debian rt-tests' cyclictest at the same rate, when installed.</summary>
    public bool Cyclictest { get; init; } = true;

    /// <summary>
    /// The physics behind the probe robot: its frames carry the states this simulated robot reaches under the
    /// policy's actions; null: slow sinusoids. Its joints and sensor terms must be the bundle's.
    /// </summary>
    public RobotPolicy.Bridge.Plant.IRobotPlant? Plant { get; init; }
}

public static class HilTransports
{
    public const string Udp = "udp";
    public const string Serial = "serial";
    public const string InProcess = "inprocess";
    public static readonly string[] All = [Udp, Serial, InProcess];
}
