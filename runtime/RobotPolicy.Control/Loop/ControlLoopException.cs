namespace RobotPolicy.Control.Loop;

/// <summary>The loop could not start or had to stop for a reason the user must fix (no Hello, a mismatched robot);
/// the message says which and what to do.</summary>
public sealed class ControlLoopException(string message, Exception? inner = null) : Exception(message, inner);
