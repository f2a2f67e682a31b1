using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RobotPolicy.Bridge.Framing;
using RobotPolicy.Bridge.Handshake;
using RobotPolicy.Bridge.Wire;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Serial;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RobotPolicy.Tests.Bridge.Firmware;

/// <summary>
/// The C firmware's simulated robot (robot-bridge/firmware/examples/rp_sim_peer.c) and the C# bridge over a socat
/// pseudo-terminal pair: a serial cable in software between the two implementations of the protocol.
/// </summary>
public partial class FirmwareInteropTests(ITestOutputHelper output)
{
    // What rp_sim_peer says in its Hello (fixed there) and how large a message it accepts.
    private static readonly ExpectedRobot SimRobot = new(["hip", "knee", "ankle"], [new SensorTerm("targets", 3), new SensorTerm("action", 2)], 0.02);
    private const int SimMaxMessage = 512;
    private const int Rounds = 150;
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    [FirmwareFact(pseudoTerminals: true)]
    public void The_C_robot_and_the_CSharp_bridge_exchange_frames_over_a_pseudo_terminal_and_survive_line_noise()
    {
        using var build = new FirmwareBuild();
        build.Make("sim-peer");
        using var cable = new PseudoTerminalPair();
        // The runtime's end opens first: opening flushes the port, which must not eat the robot's Hello.
        using var device = SerialDevice.Open(cable.A, 115200);
        using var transport = new StreamTransport(new SerialDeviceTestStream(device), $"pty {cable.A} to rp_sim_peer");
        using var peer = StartPeer(build.SimPeer, cable.B);
        var message = new byte[transport.MaxMessageLength];
        var values = new float[16];

        // 1. The robot introduces itself, and it is the robot the policy expects.
        byte[] helloBytes = Receive(transport, message, MessageType.Hello);
        Hello hello = Hello.Read(helloBytes);
        Assert.Equal("c99-sim", hello.RobotName);
        HelloCheck.Verify(hello, SimRobot);

        // 2. Action and sensor frames, each reply checked: values encode the action, the seq counts on.
        var expectedDrops = new FrameDecoder(SimMaxMessage);
        int injections = 0;
        ulong seq = 0;
        var roundTrips = new List<double>();
        for (int round = 0; round < Rounds; round++)
        {
            if (round is 50 or 100)
            {
                InjectNoise(device, transport, expectedDrops, seed: round);
                injections++;
            }
            var mode = (ActionMode)(round % 4);
            float[] targets = [round * 0.25f, -round, 1f / (round + 1)];
            var clock = Stopwatch.StartNew();
            Send(transport, new ActionFrame(seq, round * 1000L, round * 1000L + 7, mode, targets));
            SensorFrame sensor = SensorFrame.Read(Receive(transport, message, MessageType.SensorFrame), values);
            roundTrips.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(seq + 1, sensor.Sequence);
            Assert.Equal(new[] { targets[0], targets[1], targets[2], (float)(int)mode, 3f }, sensor.Values.ToArray());
            Assert.True(sensor.RobotTimeNanoseconds > 0);
            seq = sensor.Sequence;
        }
        roundTrips.Sort();
        output.WriteLine($"{Rounds} action/sensor round trips over the pty: median {roundTrips[Rounds / 2]:F3} ms, max {roundTrips[^1]:F3} ms");

        // 3. An estop ends the robot's loop; it reports what it counted on the way out.
        Send(transport, new EStop(7, "test over"));
        Assert.True(peer.WaitForExit(10_000), "rp_sim_peer did not exit after the estop");
        peer.WaitForExit(); // the output readers finish
        string report = peer.Out.ToString();
        output.WriteLine(report.Trim());
        output.WriteLine(peer.Err.ToString().Trim());
        Assert.True(peer.ExitCode == 0, $"rp_sim_peer exited {peer.ExitCode}: {peer.Err}");

        var counters = ParseCounters(report);
        Assert.Equal(Rounds, counters["actions"]);
        Assert.Equal(Rounds, counters["sensors_sent"]);
        Assert.Equal(0, counters["send_failures"]);
        Assert.Equal(7, counters["estop_reason"]);
        // The C decoder dropped exactly what the C# FrameDecoder drops for the same bytes, kind by kind.
        Assert.Equal(0, expectedDrops.FramesDecoded);
        Assert.True(expectedDrops.OversizedFrames > 0 && expectedDrops.TruncatedFrames > 0 && expectedDrops.BadCrcFrames > 0 && expectedDrops.GarbageFrames > 0);
        Assert.Equal(expectedDrops.OversizedFrames, counters["oversized"]);
        Assert.Equal(expectedDrops.TruncatedFrames, counters["truncated"]);
        Assert.Equal(expectedDrops.BadCrcFrames, counters["bad_crc"]);
        Assert.Equal(expectedDrops.GarbageFrames, counters["garbage"]);
        // Intact frames it could not read, by kind, per injection: one newer version, one unknown type, two malformed.
        Assert.Equal(injections, counters["newer_version"]);
        Assert.Equal(injections, counters["unknown_type"]);
        Assert.Equal(2 * injections, counters["malformed"]);
        // Every intact frame: the actions, the unreadable messages and the estop.
        Assert.Equal(Rounds + 4 * injections + 1, counters["frames_decoded"]);
        // The robot's frames all arrived intact on this side.
        Assert.Equal(0, transport.Statistics.TotalDrops);
    }

    /// <summary>
    /// Writes line noise straight onto the port (past the transport's framing) and, through the transport, intact
    /// frames the robot cannot read; feeds the same raw bytes to <paramref name="expected"/>, the C# decoder, so the
    /// robot's counts can be held against it.
    /// </summary>
    private static void InjectNoise(SerialDevice device, StreamTransport transport, FrameDecoder expected, int seed)
    {
        var noise = new List<byte>();
        noise.AddRange([0x02, 0x41, 0x00]);  // too short for a CRC
        noise.AddRange([0x01, 0x00]);        // a lone code byte: nothing at all
        byte[] action = Frame(Write(new ActionFrame(1, 2, 3, ActionMode.Normal, [1f, 2f, 3f])));
        noise.AddRange(action[..4]);         // a frame that lost its tail inside a COBS block
        noise.Add(0x00);
        noise.AddRange(WithDataByteChanged(action)); // a frame with a changed byte
        noise.AddRange(Frame(Enumerable.Repeat((byte)0x55, SimMaxMessage + 88).ToArray())); // longer than the robot takes
        var random = new Random(seed);
        var bytes = new byte[300];
        random.NextBytes(bytes);
        noise.AddRange(bytes);               // random bytes, zeros among them
        noise.Add(0x00);
        byte[] raw = [.. noise];
        ReadOnlySpan<byte> input = raw;
        while (expected.TryDecode(ref input, out _))
        {
        }
        device.Write(raw);

        // Intact frames whose messages cannot be read.
        transport.Send(Envelope(version: 3, type: "heartbeat")); // newer than this protocol (2)
        transport.Send(Envelope(version: 1, type: "teleport"));
        transport.Send(Envelope(version: 1, type: "heartbeat")); // without seq and ts_ns
        transport.Send([0xc1]);                                   // not MessagePack at all
    }

    private static byte[] Envelope(ulong version, string type) => WireMessage.Map(("v", version), ("t", type));

    private static byte[] Write(ActionFrame frame)
    {
        var buffer = new byte[ActionFrame.MaxLength(frame.Targets.Length)];
        return buffer[..frame.Write(buffer)];
    }

    private static byte[] Frame(byte[] payload)
    {
        var frame = new byte[FrameEncoder.MaxFrameLength(payload.Length)];
        return frame[..FrameEncoder.Encode(payload, frame)];
    }

    /// <summary>The frame with its first data byte (not a COBS code byte) changed to another non-zero value.</summary>
    private static byte[] WithDataByteChanged(byte[] frame)
    {
        byte[] changed = (byte[])frame.Clone();
        Assert.True(changed[0] >= 2, "the first COBS block holds a data byte");
        changed[1] = (byte)(changed[1] == 0x01 ? 0x02 : changed[1] ^ 0x01);
        return changed;
    }

    private static void Send(StreamTransport transport, ActionFrame frame) => transport.Send(Write(frame));

    private static void Send(StreamTransport transport, EStop estop)
    {
        var buffer = new byte[estop.MaxLength];
        transport.Send(buffer.AsSpan(0, estop.Write(buffer)));
    }

    /// <summary>The next message of <paramref name="type"/>; Hellos the robot repeats until its first action are passed over.</summary>
    private static byte[] Receive(StreamTransport transport, byte[] buffer, MessageType type)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            TimeSpan left = ReceiveTimeout - deadline.Elapsed;
            int length = 0;
            bool received = left > TimeSpan.Zero && transport.TryReceive(buffer, left, out length);
            Assert.True(received, $"no {type} message from rp_sim_peer within {ReceiveTimeout.TotalSeconds} s");
            MessageType found = MessageEnvelope.PeekType(buffer.AsSpan(0, length));
            if (found == type)
            {
                return buffer[..length];
            }
            Assert.True(found == MessageType.Hello, $"expected a {type} message, got {found}");
        }
    }

    private static Dictionary<string, long> ParseCounters(string report)
    {
        Match line = CounterLine().Match(report);
        Assert.True(line.Success, $"no counter line in rp_sim_peer's output: {report}");
        return CounterPair().Matches(line.Value).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^rp_sim_peer: .*$", RegexOptions.Multiline)]
    private static partial Regex CounterLine();

    [GeneratedRegex(@"(\w+)=(\d+)")]
    private static partial Regex CounterPair();

    private static PeerProcess StartPeer(string program, string tty) => new(program, tty);

    /// <summary>rp_sim_peer running, its output collected as it comes; killed on dispose if still running.</summary>
    private sealed class PeerProcess : IDisposable
    {
        private readonly Process _process;

        public PeerProcess(string program, string tty)
        {
            var psi = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(tty);
            psi.ArgumentList.Add("30");
            _process = Process.Start(psi) ?? throw new InvalidOperationException("rp_sim_peer did not start");
            _process.OutputDataReceived += (_, e) => Append(Out, e.Data);
            _process.ErrorDataReceived += (_, e) => Append(Err, e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public System.Text.StringBuilder Out { get; } = new();

        public System.Text.StringBuilder Err { get; } = new();

        public int ExitCode => _process.ExitCode;

        public bool WaitForExit(int milliseconds) => _process.WaitForExit(milliseconds);

        public void WaitForExit() => _process.WaitForExit();

        private static void Append(System.Text.StringBuilder text, string? line)
        {
            if (line is not null)
            {
                lock (text)
                {
                    text.AppendLine(line);
                }
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
            _process.Dispose();
        }
    }
}
