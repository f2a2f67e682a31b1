using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RobotPolicy.Bridge.Framing;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Bridge.Transports.Udp;

namespace RobotPolicy.Tests.Bridge;

/// <summary>UDP over loopback, IPv4 and IPv6: exchange, the listening side's peer, and every kind of bad datagram counted and dropped.</summary>
public class UdpTransportTests
{
    private static readonly TimeSpan Patience = TransportPairs.Patience;

    public static TheoryData<AddressFamily> Families => [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

    [Theory]
    [MemberData(nameof(Families))]
    public void Runtime_and_robot_exchange_messages_over_loopback(AddressFamily family)
    {
        var (runtime, robot) = TransportPairs.Udp(family);
        using (runtime)
        using (robot)
        {
            Assert.Equal(family, runtime.LocalEndPoint.AddressFamily);
            Assert.Equal(robot.LocalEndPoint.Port, runtime.PeerEndPoint!.Port);
            Assert.True(IPAddress.IsLoopback(runtime.PeerEndPoint.Address));
            Assert.Equal(runtime.LocalEndPoint.Port, robot.PeerEndPoint!.Port);
            Assert.Equal(family == AddressFamily.InterNetwork ? $"udp://127.0.0.1:{runtime.LocalEndPoint.Port}?listen" : $"udp://[::1]:{runtime.LocalEndPoint.Port}?listen",
                runtime.Description);

            TransportPairs.ExchangeBothWays(runtime, robot);
            Assert.Equal(6, runtime.Statistics.MessagesReceived);
            Assert.Equal(5, robot.Statistics.MessagesReceived);
            Assert.Equal(0, runtime.Statistics.TotalDrops + robot.Statistics.TotalDrops);
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Garbage_short_and_corrupted_datagrams_are_counted_and_dropped(AddressFamily family)
    {
        IPAddress loopback = family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        using var robot = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        robot.Bind(new IPEndPoint(loopback, 0));
        int robotPort = ((IPEndPoint)robot.LocalEndPoint!).Port;
        using var runtime = UdpTransport.Open(family == AddressFamily.InterNetworkV6 ? $"udp://[::1]:{robotPort}" : $"udp://127.0.0.1:{robotPort}");
        var to = new IPEndPoint(loopback, runtime.LocalEndPoint.Port);

        byte[] heartbeat = WireMessage.Encode(Heartbeat.MaxLength, new Heartbeat(9, 99).Write);
        byte[] sealedHeartbeat = Sealed(heartbeat);
        var random = new Random(5);
        var noise = new byte[200];
        random.NextBytes(noise);
        byte[] flipped = (byte[])sealedHeartbeat.Clone();
        flipped[3] ^= 0x10;

        robot.SendTo([], to);                           // too short
        robot.SendTo([1, 2, 3], to);                    // too short
        robot.SendTo(noise, to);                        // bad CRC
        robot.SendTo(flipped, to);                      // bad CRC
        robot.SendTo(heartbeat, to);                    // a message without its CRC: bad CRC
        robot.SendTo(Sealed(new byte[100]), to);        // intact, but longer than the receiver's buffer
        robot.SendTo(sealedHeartbeat, to);              // the one that gets through

        var buffer = new byte[64];
        Assert.True(runtime.TryReceive(buffer, Patience, out int length));
        Assert.Equal(new Heartbeat(9, 99), Heartbeat.Read(buffer.AsSpan(0, length)));
        Assert.Equal(2, runtime.Statistics.Drops(DropReason.TooShort));
        Assert.Equal(3, runtime.Statistics.Drops(DropReason.BadCrc));
        Assert.Equal(1, runtime.Statistics.Drops(DropReason.Oversized));
        Assert.Equal(6, runtime.Statistics.TotalDrops);
        Assert.Equal(1, runtime.Statistics.MessagesReceived);
        Assert.False(runtime.TryReceive(buffer, TimeSpan.Zero, out _));
    }

    [Fact]
    public void A_listening_transport_answers_the_first_intact_sender_and_drops_everyone_else()
    {
        using var runtime = UdpTransport.Open("udp://127.0.0.1:0?listen");
        Assert.Null(runtime.PeerEndPoint);
        Assert.Contains("no peer yet", Assert.Throws<InvalidOperationException>(() => runtime.Send([1])).Message, StringComparison.Ordinal);

        using var intruder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var to = new IPEndPoint(IPAddress.Loopback, runtime.LocalEndPoint.Port);
        intruder.SendTo([0xde, 0xad, 0xbe, 0xef, 0], to);   // corrupt: does not make the intruder the peer
        using var robot = UdpTransport.Open($"udp://127.0.0.1:{runtime.LocalEndPoint.Port}");
        TransportPairs.SayHello(runtime, robot);
        Assert.Equal(robot.LocalEndPoint.Port, runtime.PeerEndPoint!.Port);

        intruder.SendTo(Sealed(WireMessage.Encode(Heartbeat.MaxLength, new Heartbeat(1, 1).Write)), to);
        robot.Send(WireMessage.Encode(Heartbeat.MaxLength, new Heartbeat(2, 2).Write));
        var buffer = new byte[64];
        Assert.True(runtime.TryReceive(buffer, Patience, out int length));
        Assert.Equal(2UL, Heartbeat.Read(buffer.AsSpan(0, length)).Sequence);
        Assert.Equal(1, runtime.Statistics.Drops(DropReason.UnknownSender));
        Assert.Equal(1, runtime.Statistics.Drops(DropReason.BadCrc));
    }

    [Fact]
    public void A_port_in_use_is_named()
    {
        using var first = UdpTransport.Open("udp://127.0.0.1:0?listen");
        int port = first.LocalEndPoint.Port;
        var error = Assert.Throws<TransportException>(() => UdpTransport.Open($"udp://127.0.0.1:{port}?listen"));
        Assert.Equal($"udp://127.0.0.1:{port}?listen: port {port} is in use on 127.0.0.1 (another process, or another transport in this one, has it); pick another port or stop that process",
            error.Message);
    }

    [Fact]
    public void Listening_on_an_address_of_another_machine_is_named()
    {
        // 192.0.2.0/24 is reserved for documentation (RFC 5737): never an address of this machine.
        var error = Assert.Throws<TransportException>(() => UdpTransport.Open("udp://192.0.2.1:9870?listen"));
        Assert.Equal("udp://192.0.2.1:9870?listen: 192.0.2.1 is not an address of this machine; listen on one of its addresses, 0.0.0.0 or [::]", error.Message);
    }

    [Fact]
    public void A_receive_times_out_and_an_oversized_send_is_refused()
    {
        var (runtime, robot) = TransportPairs.Udp(AddressFamily.InterNetwork);
        using (runtime)
        using (robot)
        {
            var clock = Stopwatch.StartNew();
            Assert.False(runtime.TryReceive(new byte[64], TimeSpan.FromMilliseconds(50), out int length));
            Assert.Equal(0, length);
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(45), TimeSpan.FromSeconds(5));

            Assert.Equal(65_503, robot.MaxMessageLength);
            Assert.Throws<ArgumentException>(() => robot.Send(new byte[65_504]));
            // The largest message does go through (over loopback, whose MTU is 64 KiB).
            var largest = new byte[65_503];
            largest[^1] = 42;
            robot.Send(largest);
            var buffer = new byte[65_503];
            Assert.True(runtime.TryReceive(buffer, Patience, out length));
            Assert.Equal(65_503, length);
            Assert.Equal(42, buffer[^1]);
        }
    }

    private static byte[] Sealed(byte[] payload)
    {
        var datagram = new byte[payload.Length + DatagramCodec.TrailerLength];
        DatagramCodec.Seal(payload, datagram);
        return datagram;
    }
}
