namespace RobotPolicy.Bridge.Serial;

/// <summary>A serial device that cannot be opened, configured, read or written, with the path and what to do about it.</summary>
public sealed class SerialDeviceException(string message) : IOException(message);
