using System.Net;
using System.Net.Sockets;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Bridge.Transports.Udp;

namespace RobotPolicy.Tests.Bridge;

/// <summary>Connected transports for tests: a runtime end and a robot end that have already exchanged a Hello.</summary>
internal static class TransportPairs
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static Hello ExampleHello => new("test-robot", ["hip", "knee"], [new SensorTerm("imu", 6), new SensorTerm("joint_pos", 2)], 20_000_000);

    /// <summary>The runtime listens on a free loopback port of <paramref name="family"/>; the robot talks to it and says Hello first.</summary>
    public static (UdpTransport Runtime, UdpTransport Robot) Udp(AddressFamily family)
    {
        string loopback = family == AddressFamily.InterNetworkV6 ? "[::1]" : "127.0.0.1";
        var runtime = UdpTransport.Open($"udp://{loopback}:0?listen");
        var robot = UdpTransport.Open($"udp://{loopback}:{runtime.LocalEndPoint.Port}");
        SayHello(runtime, robot);
        return (runtime, robot);
    }

    /// <summary>Two connected loopback sockets' streams: a duplex byte stream each way, as a serial port is.</summary>
    public static (NetworkStream A, NetworkStream B) SocketPair()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        Socket server = listener.AcceptSocket();
        server.NoDelay = true;
        return (new NetworkStream(client, ownsSocket: true), new NetworkStream(server, ownsSocket: true));
    }

    /// <summary>Sends the example Hello from <paramref name="robot"/> and receives it at <paramref name="runtime"/>.</summary>
    public static void SayHello(IMessageTransport runtime, IMessageTransport robot)
    {
        robot.Send(ExampleHello.ToArray());
        var buffer = new byte[runtime.MaxMessageLength];
        Assert.True(runtime.TryReceive(buffer, Patience, out int length));
        Assert.Equal("test-robot", Hello.Read(buffer.AsSpan(0, length)).RobotName);
    }

    /// <summary>Sends a few messages each way and checks they arrive whole and in order.</summary>
    public static void ExchangeBothWays(IMessageTransport runtime, IMessageTransport robot)
    {
        var buffer = new byte[4096];
        var values = new float[8];
        for (ulong sequence = 1; sequence <= 5; sequence++)
        {
            float[] sensors = Enumerable.Range(0, 8).Select(i => sequence * 10f + i).ToArray();
            robot.Send(buffer.AsSpan(0, new SensorFrame(sequence, (long)sequence * 1000, sensors).Write(buffer)));
            Assert.True(runtime.TryReceive(buffer, Patience, out int length));
            SensorFrame frame = SensorFrame.Read(buffer.AsSpan(0, length), values);
            Assert.Equal(sequence, frame.Sequence);
            Assert.Equal(sensors, frame.Values.ToArray());

            float[] targets = [sequence * 0.5f, -1f];
            runtime.Send(buffer.AsSpan(0, new ActionFrame(sequence, 1, 2, ActionMode.Normal, targets).Write(buffer)));
            Assert.True(robot.TryReceive(buffer, Patience, out length));
            ActionFrame action = ActionFrame.Read(buffer.AsSpan(0, length), values);
            Assert.Equal(sequence, action.SensorSequence);
            Assert.Equal(targets, action.Targets.ToArray());
        }
    }
}
