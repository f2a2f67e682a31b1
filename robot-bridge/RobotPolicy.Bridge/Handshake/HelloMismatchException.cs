namespace RobotPolicy.Bridge.Handshake;

/// <summary>The robot's Hello does not match what the policy expects; the runtime must not start. Names the first mismatch.</summary>
public sealed class HelloMismatchException : InvalidOperationException
{
    public HelloMismatchException(string robotName, string mismatch)
        : base($"the robot '{robotName}' does not match the policy: {mismatch}")
    {
        RobotName = robotName;
        Mismatch = mismatch;
    }

    public string RobotName { get; }

    /// <summary>The first difference, for example "joint 3 is 'knee_left'; the policy expects 'hip_left'".</summary>
    public string Mismatch { get; }
}
