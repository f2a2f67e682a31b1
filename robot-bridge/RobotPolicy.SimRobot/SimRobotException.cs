namespace RobotPolicy.SimRobot;

/// <summary>The simulated robot cannot run as asked (an unknown domain, no runtime answered); the message says why.</summary>
public sealed class SimRobotException(string message) : Exception(message);
