using System.Net;
using System.Net.Sockets;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>A UDP port on loopback that nothing listens on now, for a runtime and a robot in two processes to meet at.</summary>
internal static class FreePort
{
    public static int Udp()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
