using RobotPolicy.Bridge.Messages;

namespace RobotPolicy.Tests.Bridge;

/// <summary>Every message written and read back, its shape on the wire, and the readers' tolerance of other peers' choices.</summary>
public class MessageRoundTripTests
{
    private static Hello ExampleHello() => new(
        "go1-sim",
        ["FL_hip_joint", "FL_thigh_joint", "FL_calf_joint"],
        [new SensorTerm("imu", 6), new SensorTerm("joint_pos", 3), new SensorTerm("joint_vel", 3)],
        controlPeriodNanoseconds: 20_000_000);

    [Fact]
    public void Hello_round_trips_and_reads_as_documented()
    {
        Hello hello = ExampleHello();
        byte[] message = hello.ToArray();

        Assert.Equal(
            """{"v": 1, "t": "hello", "robot": "go1-sim", "joints": ["FL_hip_joint", "FL_thigh_joint", "FL_calf_joint"], "sensors": [{"name": "imu", "size": 6}, {"name": "joint_pos", "size": 3}, {"name": "joint_vel", "size": 3}], "period_ns": 20000000}""",
            WireMessage.Show(message));
        Assert.Equal(MessageType.Hello, MessageEnvelope.PeekType(message));

        Hello back = Hello.Read(message);
        Assert.Equal(1, back.ProtocolVersion); // a hello is a version-1 message, and is written as one
        Assert.Equal("go1-sim", back.RobotName);
        Assert.Equal(hello.JointNames, back.JointNames);
        Assert.Equal(hello.SensorTerms, back.SensorTerms);
        Assert.Equal(20_000_000, back.ControlPeriodNanoseconds);
        Assert.Equal(0.02, back.ControlPeriodSeconds);
        Assert.Equal(12, back.SensorValueCount);
    }

    [Fact]
    public void Sensor_values_keep_their_exact_bits_signalling_NaNs_included()
    {
        float[] values = [BitConverter.Int32BitsToSingle(0x7f800001), BitConverter.Int32BitsToSingle(unchecked((int)0xff800001)), -0f, float.Epsilon];
        var buffer = new byte[SensorFrame.MaxLength(values.Length)];
        int length = new SensorFrame(1, 2, values).Write(buffer);
        var back = new float[values.Length];
        SensorFrame.Read(buffer.AsSpan(0, length), back);
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), back.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Hello_carries_any_text_and_long_lists()
    {
        string[] joints = Enumerable.Range(0, 40).Select(i => $"joint_{i}_ünïcødé_名前").ToArray();
        SensorTerm[] terms = Enumerable.Range(0, 20).Select(i => new SensorTerm(new string('s', 300) + i, 70_000 + i)).ToArray();
        var hello = new Hello("", joints, terms, long.MaxValue);

        Hello back = Hello.Read(WireMessage.Encode(hello.MaxLength, hello.Write));

        Assert.Equal("", back.RobotName);
        Assert.Equal(joints, back.JointNames);
        Assert.Equal(terms, back.SensorTerms);
        Assert.Equal(long.MaxValue, back.ControlPeriodNanoseconds);
    }

    [Fact]
    public void SensorFrame_round_trips_into_the_callers_span()
    {
        float[] values = [1f, -2.5f, float.MaxValue, float.Epsilon, float.NegativeInfinity, 0f];
        byte[] message = WireMessage.Encode(SensorFrame.MaxLength(values.Length), buffer => new SensorFrame(7, 123_456_789, values).Write(buffer));

        Assert.Equal(
            """{"v": 1, "t": "sensor", "seq": 7, "ts_ns": 123456789, "values": [1f, -2.5f, 3.4028235E+38f, 1E-45f, -Infinityf, 0f]}""",
            WireMessage.Show(message));
        var destination = new float[10];
        SensorFrame frame = SensorFrame.Read(message, destination);
        Assert.Equal(7UL, frame.Sequence);
        Assert.Equal(123_456_789, frame.RobotTimeNanoseconds);
        Assert.Equal(values, frame.Values.ToArray());
        Assert.Equal(values, destination[..values.Length]);

        SensorFrame nan = SensorFrame.Read(WireMessage.Encode(SensorFrame.MaxLength(1), buffer => new SensorFrame(0, 0, [float.NaN]).Write(buffer)), destination);
        Assert.True(float.IsNaN(nan.Values[0]));
    }

    [Theory]
    [InlineData(0UL, 0L, 0)]
    [InlineData(ulong.MaxValue, long.MaxValue, 1)]
    [InlineData(uint.MaxValue + 1UL, long.MinValue, 300)]
    [InlineData(255UL, -1L, 70_000)]
    public void SensorFrame_fits_its_maximum_length_at_the_extremes(ulong sequence, long time, int count)
    {
        float[] values = Enumerable.Range(0, count).Select(i => i * 0.5f).ToArray();
        byte[] message = WireMessage.Encode(SensorFrame.MaxLength(count), buffer => new SensorFrame(sequence, time, values).Write(buffer));
        SensorFrame frame = SensorFrame.Read(message, new float[count]);
        Assert.Equal(sequence, frame.Sequence);
        Assert.Equal(time, frame.RobotTimeNanoseconds);
        Assert.Equal(values, frame.Values.ToArray());
    }

    [Theory]
    [InlineData(ActionMode.Normal, "normal")]
    [InlineData(ActionMode.Hold, "hold")]
    [InlineData(ActionMode.Damping, "damping")]
    [InlineData(ActionMode.Safe, "safe")]
    public void ActionFrame_round_trips_in_every_mode(ActionMode mode, string word)
    {
        float[] targets = [0.1f, 0.8f, -1.5f];
        byte[] message = WireMessage.Encode(ActionFrame.MaxLength(targets.Length),
            buffer => new ActionFrame(sensorSequence: 41, receivedNanoseconds: 1_000, sentNanoseconds: 251_000, mode, targets).Write(buffer));

        Assert.Equal(
            $$"""{"v": 1, "t": "action", "seq": 41, "rx_ns": 1000, "tx_ns": 251000, "mode": "{{word}}", "targets": [0.1f, 0.8f, -1.5f]}""",
            WireMessage.Show(message));
        ActionFrame frame = ActionFrame.Read(message, new float[3]);
        Assert.Equal(41UL, frame.SensorSequence);
        Assert.Equal(1_000, frame.ReceivedNanoseconds);
        Assert.Equal(251_000, frame.SentNanoseconds);
        Assert.Equal(mode, frame.Mode);
        Assert.Equal(targets, frame.Targets.ToArray());
    }

    [Fact]
    public void ActionFrame_fits_its_maximum_length_at_the_extremes()
    {
        float[] targets = new float[1000];
        byte[] message = WireMessage.Encode(ActionFrame.MaxLength(targets.Length),
            buffer => new ActionFrame(ulong.MaxValue, long.MinValue, long.MaxValue, ActionMode.Damping, targets).Write(buffer));
        Assert.Equal(ulong.MaxValue, ActionFrame.Read(message, new float[1000]).SensorSequence);
        Assert.Empty(ActionFrame.Read(WireMessage.Encode(ActionFrame.MaxLength(0), buffer => new ActionFrame(0, 0, 0, ActionMode.Safe, []).Write(buffer)), []).Targets.ToArray());
    }

    [Fact]
    public void The_example_policys_frames_take_the_sizes_the_readme_gives()
    {
        var buffer = new byte[1024];
        Assert.Equal(291, new SensorFrame(ulong.MaxValue, long.MaxValue, new float[48]).Write(buffer));
        Assert.Equal(138, new ActionFrame(ulong.MaxValue, long.MaxValue, long.MaxValue, ActionMode.Damping, new float[12]).Write(buffer));
    }

    [Fact]
    public void A_goodbye_round_trips_as_a_version_2_message_and_a_version_1_reader_would_ask_for_an_update()
    {
        var goodbye = new Goodbye(0, "4 episodes done");
        byte[] message = WireMessage.Encode(goodbye.MaxLength, goodbye.Write);
        Assert.Equal("""{"v": 2, "t": "goodbye", "reason": 0, "text": "4 episodes done"}""", WireMessage.Show(message));
        Assert.Equal(goodbye, Goodbye.Read(message));
        Assert.Equal(MessageType.Goodbye, MessageEnvelope.PeekType(message));
        Assert.Equal(new Goodbye(5), Goodbye.Read(WireMessage.Encode(new Goodbye(5).MaxLength, new Goodbye(5).Write)));
        // Every other message is still written as version 1, so a version-1 robot reads all it knows.
        byte[] heartbeat = WireMessage.Encode(Heartbeat.MaxLength, new Heartbeat(1, 2).Write);
        Assert.StartsWith("""{"v": 1,""", WireMessage.Show(heartbeat), StringComparison.Ordinal);
    }

    [Fact]
    public void Heartbeat_estop_and_fault_round_trip()
    {
        var heartbeat = new Heartbeat(ulong.MaxValue, long.MaxValue);
        byte[] heartbeatMessage = WireMessage.Encode(Heartbeat.MaxLength, heartbeat.Write);
        Assert.Equal("""{"v": 1, "t": "heartbeat", "seq": 18446744073709551615, "ts_ns": 9223372036854775807}""", WireMessage.Show(heartbeatMessage));
        Assert.Equal(heartbeat, Heartbeat.Read(heartbeatMessage));

        var estop = new EStop(3, "operator pressed the stop button");
        byte[] estopMessage = WireMessage.Encode(estop.MaxLength, estop.Write);
        Assert.Equal("""{"v": 1, "t": "estop", "reason": 3, "text": "operator pressed the stop button"}""", WireMessage.Show(estopMessage));
        Assert.Equal(estop, EStop.Read(estopMessage));

        var silent = new EStop(0);
        byte[] silentMessage = WireMessage.Encode(silent.MaxLength, silent.Write);
        Assert.Equal("""{"v": 1, "t": "estop", "reason": 0}""", WireMessage.Show(silentMessage));
        Assert.Equal(silent, EStop.Read(silentMessage));
        Assert.Null(EStop.Read(WireMessage.Map(("v", 1), ("t", "estop"), ("reason", 0), ("text", null))).Text);

        var fault = new Fault(uint.MaxValue, "motor driver 4: over-temperature ✗");
        byte[] faultMessage = WireMessage.Encode(fault.MaxLength, fault.Write);
        Assert.Equal("""{"v": 1, "t": "fault", "code": 4294967295, "text": "motor driver 4: over-temperature ✗"}""", WireMessage.Show(faultMessage));
        Assert.Equal(fault, Fault.Read(faultMessage));
    }

    [Fact]
    public void Readers_take_keys_in_any_order_skip_unknown_ones_and_accept_other_number_widths()
    {
        // As a Python peer might send it: float64 values, an integer among them, the envelope last, an extra field.
        byte[] message = WireMessage.Map(
            ("values", new object[] { 0.5, 2, -1.25f }),
            ("firmware", "1.4.2"),
            ("ts_ns", 99UL),
            ("seq", 3),
            ("t", "sensor"),
            ("v", 1));

        Assert.Equal(MessageType.SensorFrame, MessageEnvelope.PeekType(message));
        SensorFrame frame = SensorFrame.Read(message, new float[3]);
        Assert.Equal(3UL, frame.Sequence);
        Assert.Equal(99, frame.RobotTimeNanoseconds);
        Assert.Equal([0.5f, 2f, -1.25f], frame.Values.ToArray());
    }

    [Fact]
    public void Every_message_type_has_a_distinct_tag_that_parses_back()
    {
        foreach (MessageType type in Enum.GetValues<MessageType>())
        {
            Assert.True(MessageTypeTags.TryParse(MessageTypeTags.Utf8(type), out MessageType back));
            Assert.Equal(type, back);
        }
        Assert.Equal("hello, sensor, action, heartbeat, estop, fault, goodbye", MessageTypeTags.AllNames);
    }
}
