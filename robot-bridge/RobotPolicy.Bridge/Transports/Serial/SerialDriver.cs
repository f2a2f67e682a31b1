namespace RobotPolicy.Bridge.Transports.Serial;

/// <summary>Which code drives a serial port.</summary>
public enum SerialDriver
{
    /// <summary>
    /// This toolkit's termios + poll port (<see cref="Bridge.Serial.SerialDevice"/>): Linux only, allocation-free,
    /// tens of microseconds per round trip. The default on Linux.
    /// </summary>
    Termios,

    /// <summary>
    /// .NET's System.IO.Ports: every OS (Windows COM ports, macOS), about a millisecond per read on Linux. The
    /// default elsewhere, and on Linux with <c>?driver=ports</c>.
    /// </summary>
    Ports,
}
