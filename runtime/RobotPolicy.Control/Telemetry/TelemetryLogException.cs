namespace RobotPolicy.Control.Telemetry;

/// <summary>A telemetry log that cannot be read; the message names the file and what is wrong.</summary>
public sealed class TelemetryLogException(string message) : Exception(message);
