namespace RobotPolicy.Bridge.Messages;

/// <summary>One named group of sensor values the robot sends in every sensor frame (an IMU's 6 values, say).</summary>
/// <param name="Name">Matched against the policy's observation term of the same place.</param>
/// <param name="Size">Values of this term in one sensor frame.</param>
public readonly record struct SensorTerm(string Name, int Size);
