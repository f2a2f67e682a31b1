using RobotPolicy.Bridge.Transports.Serial;
using RobotPolicy.Bridge.Transports.Udp;

namespace RobotPolicy.Bridge.Transports;

/// <summary>Opens a transport from the string a user types (<c>--robot</c>, <c>--transport</c>).</summary>
public static class MessageTransports
{
    public const string Forms = "udp://HOST:PORT, udp://HOST:PORT?listen or serial:/dev/DEVICE[?baud=RATE][&driver=termios|ports]";

    /// <summary>A UDP or serial transport; a <see cref="TransportException"/> names what is wrong with the string or the device.</summary>
    public static IMessageTransport Open(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        string text = address.Trim();
        if (text.StartsWith(UdpAddress.Scheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            return UdpTransport.Open(text);
        }
        if (text.StartsWith(SerialAddress.Scheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            return SerialTransport.Open(text);
        }
        throw new TransportException($"transport '{address}': unknown kind; expected {Forms}");
    }
}
