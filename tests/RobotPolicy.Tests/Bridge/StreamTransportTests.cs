using System.IO.Pipes;
using System.Net.Sockets;
using RobotPolicy.Bridge.Framing;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Transports;

namespace RobotPolicy.Tests.Bridge;

/// <summary>The byte-stream transport (COBS frames with a CRC) over a TCP socket pair and over a pair of pipes.</summary>
public class StreamTransportTests
{
    private static readonly TimeSpan Patience = TransportPairs.Patience;

    [Fact]
    public void Messages_go_both_ways_over_a_socket_pair()
    {
        var (a, b) = TransportPairs.SocketPair();
        using var runtime = new StreamTransport(a, "socket A");
        using var robot = new StreamTransport(b, "socket B");
        TransportPairs.SayHello(runtime, robot);
        TransportPairs.ExchangeBothWays(runtime, robot);
        Assert.Equal(6, runtime.Statistics.MessagesReceived);
        Assert.Equal(0, runtime.Statistics.TotalDrops + robot.Statistics.TotalDrops);
    }

    [Fact]
    public void Messages_go_both_ways_over_a_pair_of_pipes()
    {
        using var toRobot = new AnonymousPipeServerStream(PipeDirection.Out);
        using var fromRuntime = new AnonymousPipeClientStream(PipeDirection.In, toRobot.ClientSafePipeHandle);
        using var toRuntime = new AnonymousPipeServerStream(PipeDirection.Out);
        using var fromRobot = new AnonymousPipeClientStream(PipeDirection.In, toRuntime.ClientSafePipeHandle);
        using var runtime = new StreamTransport(input: fromRobot, output: toRobot, "runtime pipes");
        using var robot = new StreamTransport(input: fromRuntime, output: toRuntime, "robot pipes");
        TransportPairs.SayHello(runtime, robot);
        TransportPairs.ExchangeBothWays(runtime, robot);
        Assert.Equal(0, runtime.Statistics.TotalDrops + robot.Statistics.TotalDrops);
        // Disposing the robot first leaves its reader blocked on a pipe the runtime still holds open: this must not hang.
        robot.Dispose();
        runtime.Dispose();
    }

    [Fact]
    public void Noise_and_damaged_frames_on_the_line_are_counted_and_the_good_ones_delivered()
    {
        var (line, end) = TransportPairs.SocketPair();
        using NetworkStream _ = line;
        using var receiver = new StreamTransport(end, "serial-like");
        byte[] good = Frame(WireMessage.Encode(Heartbeat.MaxLength, new Heartbeat(1, 1).Write));
        byte[] badCrc = (byte[])good.Clone();
        badCrc[4] ^= 0x20;                                          // a changed bit that leaves no zero in the frame
        byte[] truncated = good[..^3].Append((byte)0).ToArray();   // bytes lost before the delimiter
        byte[] noise = [0x00, 0x02, 0x41, 0x00];                    // a one-byte frame: too short for a CRC
        byte[] stream = [.. noise, .. badCrc, .. truncated, .. Frame(new byte[9000]), .. good];

        // Written in odd-sized pieces, as a serial port delivers them.
        for (int offset = 0; offset < stream.Length; offset += 7)
        {
            line.Write(stream, offset, Math.Min(7, stream.Length - offset));
        }

        var buffer = new byte[64];
        Assert.True(receiver.TryReceive(buffer, Patience, out int length));
        Assert.Equal(new Heartbeat(1, 1), Heartbeat.Read(buffer.AsSpan(0, length)));
        Assert.Equal(1, receiver.Statistics.Drops(DropReason.TooShort));
        Assert.Equal(1, receiver.Statistics.Drops(DropReason.BadCrc));
        Assert.Equal(1, receiver.Statistics.Drops(DropReason.Truncated));
        Assert.Equal(1, receiver.Statistics.Drops(DropReason.Oversized));
        Assert.Equal(1, receiver.Statistics.MessagesReceived);
    }

    [Fact]
    public void The_end_of_the_stream_is_reported_after_what_was_read_before_it()
    {
        var (a, b) = TransportPairs.SocketPair();
        using var receiver = new StreamTransport(b, "socket B");
        using (var sender = new StreamTransport(a, "socket A"))
        {
            sender.Send([0x90]);
        }
        var buffer = new byte[16];
        Assert.True(receiver.TryReceive(buffer, Patience, out int length));
        Assert.Equal([0x90], buffer[..length]);
        var error = Assert.Throws<TransportException>(() => receiver.TryReceive(buffer, Patience, out _));
        Assert.Equal("socket B: the stream ended (the other side closed it)", error.Message);
    }

    [Fact]
    public void A_receive_times_out_and_an_oversized_send_is_refused()
    {
        var (a, b) = TransportPairs.SocketPair();
        using var runtime = new StreamTransport(a, "socket A", maxMessageLength: 100);
        using var robot = new StreamTransport(b, "socket B", maxMessageLength: 100);
        Assert.False(runtime.TryReceive(new byte[16], TimeSpan.FromMilliseconds(20), out _));
        Assert.Throws<ArgumentException>(() => robot.Send(new byte[101]));
    }

    private static byte[] Frame(byte[] payload)
    {
        var frame = new byte[FrameEncoder.MaxFrameLength(payload.Length)];
        return frame[..FrameEncoder.Encode(payload, frame)];
    }
}
