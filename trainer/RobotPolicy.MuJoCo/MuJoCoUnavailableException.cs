namespace RobotPolicy.MuJoCo;

/// <summary>MuJoCo cannot be used on this machine (not installed, or another version); the message says what to install.</summary>
public sealed class MuJoCoUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A model MuJoCo refused (the message carries MuJoCo's own reason) or a name it does not have.</summary>
public sealed class MuJoCoModelException(string message) : Exception(message);
