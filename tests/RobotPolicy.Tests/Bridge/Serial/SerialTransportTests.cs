using RobotPolicy.Bridge.Framing;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Serial;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Bridge.Transports.Serial;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Bridge.Serial;

/// <summary>The serial transport (COBS frames with a CRC on a termios port), end to end over socat pseudo-terminals.</summary>
public class SerialTransportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("serial:/dev/ttyUSB0", "/dev/ttyUSB0", 115200)]
    [InlineData("serial:/dev/ttyACM1?baud=921600", "/dev/ttyACM1", 921600)]
    [InlineData("serial:///dev/ttyS0?baud=4000000", "/dev/ttyS0", 4000000)]
    [InlineData("serial:/dev/ttyUSB0?baud=250000", "/dev/ttyUSB0", 250000)]
    [InlineData("serial:/dev/ttyUSB0?baud=12345", "/dev/ttyUSB0", 12345)]
    [InlineData("serial:/dev/ttyUSB0?driver=ports&baud=250000", "/dev/ttyUSB0", 250000, SerialDriver.Ports)]
    [InlineData("serial:/dev/ttyUSB0?baud=1000000&driver=termios", "/dev/ttyUSB0", 1000000, SerialDriver.Termios)]
    public void Addresses_parse(string text, string path, int baud, SerialDriver driver = SerialDriver.Termios)
    {
        var address = SerialAddress.Parse(text);
        Assert.Equal(path, address.DevicePath);
        Assert.Equal(baud, address.Baud);
        Assert.Equal(driver, address.Driver);
    }

    [Theory]
    [InlineData("serial:", "no device path")]
    [InlineData("serial:ttyUSB0", "'ttyUSB0' is not absolute")]
    [InlineData("serial:/dev/ttyUSB0?baud=12", "baud '12' is not a rate from 50 to 16000000")]
    [InlineData("serial:/dev/ttyUSB0?baud=fast", "baud 'fast' is not a rate from 50 to 16000000")]
    [InlineData("serial:/dev/ttyUSB0?baud=99999999", "baud '99999999' is not a rate from 50 to 16000000")]
    [InlineData("serial:/dev/ttyUSB0?parity=even", "unknown option 'parity=even'; the options are baud=RATE and driver=termios|ports")]
    [InlineData("serial:/dev/ttyUSB0?driver=ftdi", "driver 'ftdi' is not termios or ports")]
    public void Bad_addresses_say_what_is_wrong(string text, string problem)
    {
        var error = Assert.Throws<TransportException>(() => SerialAddress.Parse(text));
        Assert.Contains(problem, error.Message);
        Assert.Contains("expected serial:/dev/DEVICE", error.Message);
    }

    [Fact]
    public void A_missing_device_names_the_path_and_the_fix()
    {
        var error = Assert.Throws<TransportException>(() => MessageTransports.Open("serial:/dev/ttyRobotPolicyNone"));
        Assert.Contains("/dev/ttyRobotPolicyNone does not exist", error.Message);
    }

    [Fact]
    public void Unknown_transport_kinds_list_the_forms()
    {
        var error = Assert.Throws<TransportException>(() => MessageTransports.Open("tcp://127.0.0.1:9"));
        Assert.Contains("udp://HOST:PORT", error.Message);
        Assert.Contains("serial:/dev/DEVICE", error.Message);
    }

    [SocatTheory]
    [InlineData("termios")]
    [InlineData("ports")]
    public void Messages_cross_a_serial_link_both_ways(string driver)
    {
        using var cable = new PseudoTerminalPair();
        using var robot = MessageTransports.Open($"serial:{cable.A}?baud=921600&driver={driver}");
        using var runtime = MessageTransports.Open($"serial:{cable.B}?baud=921600&driver={driver}");
        var buffer = new byte[StreamTransport.DefaultMaxMessageLength];
        var values = new float[64];
        var received = new float[64];
        for (int seq = 0; seq < 200; seq++)
        {
            values[seq % 64] = seq;
            int length = new SensorFrame((ulong)seq, seq * 1000L, values).Write(buffer);
            robot.Send(buffer.AsSpan(0, length));
            Assert.True(runtime.TryReceive(buffer, Patience, out int got));
            var frame = SensorFrame.Read(buffer.AsSpan(0, got), received);
            Assert.Equal((ulong)seq, frame.Sequence);
            Assert.Equal(values, received);

            length = new ActionFrame((ulong)seq, 1, 2, ActionMode.Normal, values.AsSpan(0, 12)).Write(buffer);
            runtime.Send(buffer.AsSpan(0, length));
            Assert.True(robot.TryReceive(buffer, Patience, out got));
            Assert.Equal((ulong)seq, ActionFrame.Read(buffer.AsSpan(0, got), received).SensorSequence);
        }
        Assert.Equal(0, runtime.Statistics.TotalDrops);
        Assert.Equal(200, runtime.Statistics.MessagesReceived);
    }

    /// <summary>
    /// A noisy line: 1% of the bytes changed (never into or out of the zero delimiter, so every frame stays one frame
    /// and can be accounted for). Every intact frame arrives unchanged and every damaged one is counted as a drop.
    /// </summary>
    [SocatTheory]
    [InlineData("termios")]
    [InlineData("ports")]
    public void One_percent_corrupted_bytes_drop_and_count_every_damaged_frame_and_deliver_the_rest(string driver)
    {
        using var cable = new PseudoTerminalPair();
        using var line = SerialDevice.Open(cable.A, 921600);
        // A queue that holds the whole burst: a pseudo-terminal ignores the baud rate, so the writer outruns any
        // real line, and a receiver descheduled on a busy machine must not turn into queue-full drops here.
        using var runtime = SerialTransport.Open(SerialAddress.Parse($"serial:{cable.B}?baud=921600&driver={driver}"), queueCapacity: 4096);
        var random = new Random(11);
        var message = new byte[SensorFrame.MaxLength(16)];
        var frame = new byte[FrameEncoder.MaxFrameLength(message.Length)];
        var values = new float[16];
        var expected = new List<ulong>();
        int damaged = 0;
        // The receiver drains while the line is written, as a control loop would (the queue holds 64 messages).
        var got = new List<ulong>();
        var receiver = Task.Run(() =>
        {
            var buffer = new byte[StreamTransport.DefaultMaxMessageLength];
            var read = new float[16];
            while (runtime.TryReceive(buffer, TimeSpan.FromSeconds(2), out int n))
            {
                got.Add(SensorFrame.Read(buffer.AsSpan(0, n), read).Sequence);
            }
        });
        const int frames = 2000;
        for (int seq = 0; seq < frames; seq++)
        {
            values[seq % 16] = seq * 0.5f;
            int messageLength = new SensorFrame((ulong)seq, seq, values).Write(message);
            int length = FrameEncoder.Encode(message.AsSpan(0, messageLength), frame);
            bool changed = false;
            for (int i = 0; i < length - 1; i++)
            {
                if (random.NextDouble() < 0.01)
                {
                    // A changed byte, never zero: XOR with a value from 1 to 255, and zero (x ^ x) becomes 0x5A.
                    int flipped = frame[i] ^ random.Next(1, 256);
                    frame[i] = (byte)(flipped == 0 ? 0x5A : flipped);
                    changed = true;
                }
            }
            damaged += changed ? 1 : 0;
            if (!changed)
            {
                expected.Add((ulong)seq);
            }
            line.Write(frame.AsSpan(0, length));
        }

        receiver.Wait();
        Assert.Equal(0, runtime.Statistics.Drops(DropReason.QueueFull));
        Assert.InRange(damaged, frames / 10, frames - 1); // the line really was noisy, and not every frame died
        Assert.Equal(expected, got);
        Assert.Equal(damaged, runtime.Statistics.TotalDrops);
    }

    [SocatTheory]
    [InlineData("termios")]
    [InlineData("ports")]
    public void A_pulled_cable_ends_the_link_with_an_error_after_the_messages_that_made_it(string driver)
    {
        var cable = new PseudoTerminalPair();
        using var robot = MessageTransports.Open($"serial:{cable.A}");
        using var runtime = MessageTransports.Open($"serial:{cable.B}?driver={driver}");
        var buffer = new byte[256];
        int length = new Heartbeat(1, 2).Write(buffer);
        robot.Send(buffer.AsSpan(0, length));
        Assert.True(runtime.TryReceive(buffer, Patience, out _));
        cable.PullCable();
        var error = Assert.Throws<TransportException>(() =>
        {
            var deadline = DateTime.UtcNow + Patience;
            while (DateTime.UtcNow < deadline)
            {
                runtime.TryReceive(buffer, TimeSpan.FromMilliseconds(100), out _);
            }
        });
        Assert.Contains(cable.B, error.Message);
        Assert.Contains("went away", error.Message);
        cable.Dispose();
    }

    [SocatTheory]
    [InlineData("termios")]
    [InlineData("ports")]
    public void Disposing_a_transport_with_a_pending_read_returns_promptly(string driver)
    {
        using var cable = new PseudoTerminalPair();
        var runtime = MessageTransports.Open($"serial:{cable.B}?driver={driver}");
        var started = DateTime.UtcNow;
        runtime.Dispose();
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 0, 2);
        // The device is free again: it can be reopened at once.
        using var again = MessageTransports.Open($"serial:{cable.B}");
    }
}
