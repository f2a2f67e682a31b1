namespace RobotPolicy.SimRobot;

/// <summary>How a simulated robot runs; the defaults match what the trainer exports (a 0.02 s control period).</summary>
public sealed record SimRobotOptions
{
    public string Domain { get; init; } = "cartpole";

    /// <summary>Seed of the domain's randomness (start states, hidden parameters, sensor noise).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Episodes to run before stopping; 0 runs until cancelled.</summary>
    public int Episodes { get; init; }

    /// <summary>Seconds per physics step and sensor frame; the Hello announces it.</summary>
    public double PeriodSeconds { get; init; } = 0.02;

    /// <summary>How many times faster than real time the robot's clock runs: the physics still advances
    /// <see cref="PeriodSeconds"/> per step (and Hello announces that period), but steps come every period / speed
    /// of wall time. For tests and quick demos; 1 is a real robot's pace.</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>How often Hello is repeated while no runtime answers.</summary>
    public TimeSpan HelloInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Silence from the runtime after which the robot stops stepping and says Hello again.</summary>
    public TimeSpan RuntimeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for a runtime at all; infinite by default.</summary>
    public TimeSpan ConnectTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    public string RobotName => $"sim-{Domain}";
}
