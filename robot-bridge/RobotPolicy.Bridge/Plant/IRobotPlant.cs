using RobotPolicy.Bridge.Messages;

namespace RobotPolicy.Bridge.Plant;

/// <summary>
/// The physics behind a benchmark robot's side of the link (`bench hil --physics`): instead of made-up sensor
/// values, the robot sends the states a simulated robot reaches, and the actions it gets move it. Called from the
/// robot's loop thread only, once per frame, so an implementation allocates nothing per call.
/// </summary>
public interface IRobotPlant
{
    /// <summary>For reports: what is simulated ("mujoco-arm").</summary>
    string Name { get; }

    /// <summary>What the robot announces at <paramref name="controlPeriodNanoseconds"/>: its joints and sensor terms.</summary>
    Hello HelloAt(long controlPeriodNanoseconds);

    /// <summary>An action that answered the last sensor frame in time: the command for the next step.</summary>
    void Command(ReadOnlySpan<float> targets);

    /// <summary>
    /// One control period of physics under the current command, then the sensor values of the state reached into
    /// <paramref name="sensorValues"/> (a finished episode is followed by a fresh one).
    /// </summary>
    void Advance(Span<float> sensorValues);

    /// <summary>Episodes finished so far.</summary>
    int Episodes { get; }

    /// <summary>Mean return of the finished episodes; NaN before the first.</summary>
    double MeanReturn { get; }
}
