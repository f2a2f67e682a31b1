namespace RobotPolicy.Bridge.Transports;

/// <summary>
/// A transport could not be opened (a bad address, a port in use, a host that does not resolve) or its link is
/// gone (the stream ended, the other in-process endpoint closed). The message names the transport and what to fix.
/// </summary>
public sealed class TransportException : IOException
{
    public TransportException(string message)
        : base(message)
    {
    }

    public TransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
