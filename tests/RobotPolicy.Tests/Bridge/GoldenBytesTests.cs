using RobotPolicy.Bridge.Messages;

namespace RobotPolicy.Tests.Bridge;

/// <summary>
/// Nothing changed on the wire: every message writes the bytes the bridge's earlier codec wrote, which are also the
/// C firmware's golden vectors (robot-bridge/firmware/tests/test_messages.c), and reads them back. A robot built
/// against the earlier codec sends exactly these. The goodbye (protocol version 2, "v": 2) came later; its vectors
/// are shared with the firmware's tests the same way.
/// </summary>
public class GoldenBytesTests
{
    public static TheoryData<string, string> Messages => new()
    {
        { "hello", "86a17601a174a568656c6c6fa5726f626f74a76339392d73696da66a6f696e747393a3686970a46b6e6565a5616e6b6c65a773656e736f72739282a46e616d65a774617267657473a473697a650382a46e616d65a6616374696f6ea473697a6502a9706572696f645f6e73ce01312d00" },
        { "sensor1", "85a17601a174a673656e736f72a373657107a574735f6e73ce075bcd15a676616c75657392ca3f800000cac0200000" },
        { "sensor2", "85a17601a174a673656e736f72a3736571cf0000000100000000a574735f6e73d1ff7fa676616c75657395ca00000000ca80000000ca7f7fffffca00000001ca3a83126f" },
        { "action1", "87a17601a174a6616374696f6ea373657129a572785f6e73cd03e8a574785f6e73cd07d0a46d6f6465a4686f6c64a77461726765747393ca3e800000cabf800000ca40600000" },
        { "action2", "87a17601a174a6616374696f6ea3736571cfffffffffffffffffa572785f6e73d38000000000000000a574785f6e73d0dfa46d6f6465a764616d70696e67a77461726765747390" },
        { "action3", "87a17601a174a6616374696f6ea3736571ce00010000a572785f6e73cf0000000100000000a574785f6e73ccffa46d6f6465a473616665a774617267657473dc0010cac0400000cac0200000cac0000000cabfc00000cabf800000cabf000000ca00000000ca3f000000ca3f800000ca3fc00000ca40000000ca40200000ca40400000ca40600000ca40800000ca40900000" },
        { "heartbeat", "84a17601a174a9686561727462656174a373657103a574735f6e73cf000000e5f4c8f374" },
        { "estop1", "83a17601a174a56573746f70a6726561736f6e00" },
        { "estop2", "84a17601a174a56573746f70a6726561736f6ece00011170a474657874b86d6f746f722033206f7665722074656d7065726174757265" },
        { "fault1", "84a17601a174a56661756c74a4636f646505a474657874ab696d752074696d656f7574" },
        { "goodbye1", "83a17602a174a7676f6f64627965a6726561736f6e00" },
        { "goodbye2", "84a17602a174a7676f6f64627965a6726561736f6ecd012ca474657874af3420657069736f64657320646f6e65" },
        { "fault2", "84a17601a174a56661756c74a4636f6465ceffffffffa474657874d928612074657874206f6620666f7274792062797465732c20736f206974206973206120737472382121" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Each_message_writes_and_reads_the_earlier_codecs_bytes(string name, string golden)
    {
        var buffer = new byte[512];
        var values = new float[16];
        float[] action3 = Enumerable.Range(0, 16).Select(i => i * 0.5f - 3f).ToArray();
        (int length, bool readsBack) = name switch
        {
            "hello" => Hello(buffer, golden),
            "sensor1" => Sensor(new SensorFrame(7, 123456789, [1.0f, -2.5f]), buffer, golden, values),
            "sensor2" => Sensor(new SensorFrame(0x1_0000_0000, -129, [0f, -0f, float.MaxValue, float.Epsilon, 1e-3f]), buffer, golden, values),
            "action1" => Action(new ActionFrame(41, 1000, 2000, ActionMode.Hold, [0.25f, -1f, 3.5f]), buffer, golden, values),
            "action2" => Action(new ActionFrame(ulong.MaxValue, long.MinValue, -33, ActionMode.Damping, []), buffer, golden, values),
            "action3" => Action(new ActionFrame(65536, 4294967296, 255, ActionMode.Safe, action3), buffer, golden, values),
            "heartbeat" => Same(new Heartbeat(3, 987654321012), buffer, b => new Heartbeat(3, 987654321012).Write(b), m => RobotPolicy.Bridge.Messages.Heartbeat.Read(m)),
            "estop1" => Same(new EStop(0), buffer, b => new EStop(0).Write(b), m => EStop.Read(m)),
            "estop2" => Same(new EStop(70000, "motor 3 over temperature"), buffer, b => new EStop(70000, "motor 3 over temperature").Write(b), m => EStop.Read(m)),
            "goodbye1" => Same(new Goodbye(0), buffer, b => new Goodbye(0).Write(b), m => Goodbye.Read(m)),
            "goodbye2" => Same(new Goodbye(300, "4 episodes done"), buffer, b => new Goodbye(300, "4 episodes done").Write(b), m => Goodbye.Read(m)),
            "fault1" => Same(new Fault(5, "imu timeout"), buffer, b => new Fault(5, "imu timeout").Write(b), m => Fault.Read(m)),
            "fault2" => Same(new Fault(uint.MaxValue, "a text of forty bytes, so it is a str8!!"), buffer,
                b => new Fault(uint.MaxValue, "a text of forty bytes, so it is a str8!!").Write(b), m => Fault.Read(m)),
            _ => throw new ArgumentException(name),
        };
        Assert.Equal(golden, Hex.Of(buffer.AsSpan(0, length)));
        Assert.True(readsBack, $"{name}: the golden bytes did not read back as the message");

        (int, bool) Same<T>(T message, byte[] destination, Func<byte[], int> write, Func<byte[], T> read) where T : IEquatable<T> =>
            (write(destination), read(Hex.Parse(golden)).Equals(message));
    }

    private static (int, bool) Hello(byte[] buffer, string golden)
    {
        var hello = new Hello("c99-sim", ["hip", "knee", "ankle"], [new SensorTerm("targets", 3), new SensorTerm("action", 2)], 20_000_000);
        Hello back = RobotPolicy.Bridge.Messages.Hello.Read(Hex.Parse(golden));
        return (hello.Write(buffer), back.RobotName == hello.RobotName && back.JointNames.SequenceEqual(hello.JointNames)
            && back.SensorTerms.SequenceEqual(hello.SensorTerms) && back.ControlPeriodNanoseconds == hello.ControlPeriodNanoseconds);
    }

    private static (int, bool) Sensor(SensorFrame frame, byte[] buffer, string golden, float[] values)
    {
        int length = frame.Write(buffer);
        SensorFrame back = SensorFrame.Read(Hex.Parse(golden), values);
        return (length, back.Sequence == frame.Sequence && back.RobotTimeNanoseconds == frame.RobotTimeNanoseconds
            && back.Values.ToArray().Select(BitConverter.SingleToInt32Bits).SequenceEqual(frame.Values.ToArray().Select(BitConverter.SingleToInt32Bits)));
    }

    private static (int, bool) Action(ActionFrame frame, byte[] buffer, string golden, float[] values)
    {
        int length = frame.Write(buffer);
        ActionFrame back = ActionFrame.Read(Hex.Parse(golden), values);
        return (length, back.SensorSequence == frame.SensorSequence && back.ReceivedNanoseconds == frame.ReceivedNanoseconds
            && back.SentNanoseconds == frame.SentNanoseconds && back.Mode == frame.Mode && back.Targets.SequenceEqual(frame.Targets));
    }
}
