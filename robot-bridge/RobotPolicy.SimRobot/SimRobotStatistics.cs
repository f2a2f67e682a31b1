namespace RobotPolicy.SimRobot;

/// <summary>
/// What the simulated robot saw, kept on its side of the link: per control step, whether the action for the
/// previous sensor frame arrived in time (before the step), late (after it) or never; episode returns; and the
/// round trip from sending a sensor frame to receiving its action, on the robot's clock.
/// </summary>
public sealed class SimRobotStatistics
{
    private const int MaxRoundTrips = 1 << 20;
    private readonly long[] _roundTrips = new long[MaxRoundTrips];
    private readonly List<double> _returns = [];

    public long Steps { get; internal set; }

    /// <summary>Steps whose action arrived before the step.</summary>
    public long ActionsOnTime { get; internal set; }

    /// <summary>Actions that arrived after their step had been taken (ignored).</summary>
    public long ActionsLate { get; internal set; }

    /// <summary>Steps taken with no fresh action (the previous command was kept).</summary>
    public long ActionsMissing { get; internal set; }

    /// <summary>Action frames whose targets did not fit the robot's joints (ignored).</summary>
    public long ActionsMalformed { get; internal set; }

    /// <summary>Action frames in a mode other than normal (hold, damping, safe), obeyed at once.</summary>
    public long SafetyCommands { get; internal set; }

    public long HellosSent { get; internal set; }

    /// <summary>Times the runtime went silent for longer than the runtime timeout while the robot was running.</summary>
    public long RuntimeLost { get; internal set; }

    public long FaultsReceived { get; internal set; }

    public string? LastFault { get; internal set; }

    public IReadOnlyList<double> EpisodeReturns => _returns;

    /// <summary>Round trips recorded (the first 2^20).</summary>
    public int RoundTripCount { get; private set; }

    internal void AddReturn(double value) => _returns.Add(value);

    internal void AddRoundTrip(long nanoseconds)
    {
        if (RoundTripCount < MaxRoundTrips)
        {
            _roundTrips[RoundTripCount++] = nanoseconds;
        }
    }

    /// <summary>The <paramref name="quantile"/> (0 to 1) of the recorded round trips in microseconds; 0 when there are none.</summary>
    public double RoundTripMicroseconds(double quantile)
    {
        if (RoundTripCount == 0)
        {
            return 0;
        }
        var sorted = _roundTrips.AsSpan(0, RoundTripCount).ToArray();
        Array.Sort(sorted);
        int index = (int)Math.Clamp(Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] / 1000.0;
    }
}
