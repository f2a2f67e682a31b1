using RobotPolicy.Bridge.Wire;
using RobotPolicy.Tests.Bridge.Values;
using RobotPolicy.Bridge.Messages;

namespace RobotPolicy.Tests.Bridge;

/// <summary>Messages this side cannot use are refused with an error that says what is wrong, of a kind the receive loop counts.</summary>
public class MessageErrorTests
{
    private static ProtocolException Refused(byte[] message, ProtocolErrorKind kind)
    {
        var error = Assert.Throws<ProtocolException>(() => MessageEnvelope.PeekType(message));
        Assert.Equal(kind, error.Kind);
        return error;
    }

    [Fact]
    public void An_unknown_message_type_is_named_beside_the_known_ones()
    {
        var error = Refused(WireMessage.Map(("v", 1), ("t", "calibrate")), ProtocolErrorKind.UnknownMessageType);
        Assert.Equal("unknown message type 'calibrate'; protocol version 2 has hello, sensor, action, heartbeat, estop, fault, goodbye", error.Message);
    }

    [Fact]
    public void A_newer_protocol_version_asks_for_an_update_even_when_its_type_is_new_too()
    {
        var error = Refused(WireMessage.Map(("t", "calibrate"), ("v", 3)), ProtocolErrorKind.NewerProtocolVersion);
        Assert.Equal("the peer speaks protocol version 3; this robotpolicy speaks up to 2: update robotpolicy", error.Message);
        Refused(WireMessage.Map(("v", ulong.MaxValue), ("t", "sensor")), ProtocolErrorKind.NewerProtocolVersion);
        // The message readers refuse it the same way.
        Assert.Equal(ProtocolErrorKind.NewerProtocolVersion, Assert.Throws<ProtocolException>(() =>
            Heartbeat.Read(WireMessage.Map(("v", 3), ("t", "heartbeat"), ("seq", 1), ("ts_ns", 1)))).Kind);
    }

    [Fact]
    public void A_map_without_the_envelope_is_not_a_bridge_message()
    {
        Assert.Equal("not a bridge message: the map has no protocol version ('v')",
            Refused(WireMessage.Map(("t", "sensor")), ProtocolErrorKind.Malformed).Message);
        Assert.Equal("not a bridge message: the map has no type tag ('t')",
            Refused(WireMessage.Map(("v", 1)), ProtocolErrorKind.Malformed).Message);
        Assert.Equal("protocol version 0 does not exist; versions start at 1",
            Refused(WireMessage.Map(("v", 0), ("t", "sensor")), ProtocolErrorKind.Malformed).Message);
        // Control characters in a peer's tag are shown escaped, and long tags cut short.
        Assert.Equal("unknown message type 'a\\u000ab'; protocol version 2 has hello, sensor, action, heartbeat, estop, fault, goodbye",
            Refused(WireMessage.Map(("v", 1), ("t", "a\nb")), ProtocolErrorKind.UnknownMessageType).Message);
        Assert.Contains($"'{new string('x', 40)}…'", Refused(WireMessage.Map(("v", 1), ("t", new string('x', 500))), ProtocolErrorKind.UnknownMessageType).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_a_map_are_a_MessagePack_format_error()
    {
        Assert.Throws<MessagePackFormatException>(() => MessageEnvelope.PeekType([]));
        Assert.Throws<MessagePackFormatException>(() => MessageEnvelope.PeekType([0x93, 1, 2, 3]));
        Assert.Throws<MessagePackFormatException>(() => MessageEnvelope.PeekType(Hex.Parse("82a1760181"))); // truncated
        Assert.Throws<MessagePackFormatException>(() => MessageEnvelope.PeekType(WireMessage.Map(("v", -1), ("t", "sensor"))));
        Assert.Throws<MessagePackFormatException>(() => MessageEnvelope.PeekType(WireMessage.Map(("v", 1), ("t", 5))));
    }

    [Fact]
    public void Reading_a_message_as_another_type_names_both()
    {
        byte[] heartbeat = WireMessage.Encode(Heartbeat.MaxLength, new Heartbeat(1, 2).Write);
        var error = Assert.Throws<ProtocolException>(() => SensorFrame.Read(heartbeat, new float[4]));
        Assert.Equal("expected a 'sensor' message, found a 'heartbeat' message", error.Message);
        Assert.Equal(ProtocolErrorKind.Malformed, error.Kind);
    }

    [Theory]
    [InlineData("sensor", "seq")]
    [InlineData("sensor", "ts_ns")]
    [InlineData("sensor", "values")]
    [InlineData("action", "seq")]
    [InlineData("action", "rx_ns")]
    [InlineData("action", "tx_ns")]
    [InlineData("action", "mode")]
    [InlineData("action", "targets")]
    [InlineData("heartbeat", "ts_ns")]
    [InlineData("estop", "reason")]
    [InlineData("goodbye", "reason")]
    [InlineData("fault", "code")]
    [InlineData("fault", "text")]
    [InlineData("hello", "robot")]
    [InlineData("hello", "joints")]
    [InlineData("hello", "sensors")]
    [InlineData("hello", "period_ns")]
    public void A_missing_field_is_named(string type, string key)
    {
        var complete = new Dictionary<string, (string, object?)[]>
        {
            ["sensor"] = [("seq", 1), ("ts_ns", 2), ("values", new float[] { 1 })],
            ["action"] = [("seq", 1), ("rx_ns", 2), ("tx_ns", 3), ("mode", "hold"), ("targets", new float[] { 1 })],
            ["heartbeat"] = [("seq", 1), ("ts_ns", 2)],
            ["estop"] = [("reason", 1)],
            ["goodbye"] = [("reason", 1)],
            ["fault"] = [("code", 1), ("text", "x")],
            ["hello"] = [("robot", "r"), ("joints", new object[] { "j" }), ("sensors", Array.Empty<object>()), ("period_ns", 1)],
        };
        byte[] message = WireMessage.Map([("v", 1), ("t", type), .. complete[type].Where(f => f.Item1 != key)]);

        var error = Assert.Throws<ProtocolException>(() => ReadAs(type, message));
        Assert.Equal($"{(type is "action" or "estop" ? "an" : "a")} '{type}' message without '{key}'", error.Message);
        Assert.Equal(ProtocolErrorKind.Malformed, error.Kind);
    }

    [Fact]
    public void Bad_values_are_refused_with_the_field_named()
    {
        Assert.Equal("a 'sensor' message with 5 'values'; the receiver holds 4", Assert.Throws<ProtocolException>(() =>
            SensorFrame.Read(WireMessage.Map(("v", 1), ("t", "sensor"), ("seq", 1), ("ts_ns", 1), ("values", new float[5])), new float[4])).Message);
        Assert.Equal("an 'action' message whose 'mode' is 'torque'; expected normal, hold, damping or safe", Assert.Throws<ProtocolException>(() =>
            ActionFrame.Read(WireMessage.Map(("v", 1), ("t", "action"), ("seq", 1), ("rx_ns", 1), ("tx_ns", 1), ("mode", "torque"), ("targets", new float[1])), new float[1])).Message);
        Assert.Equal("a 'hello' message whose 'period_ns' is 0; a control period is a positive number of nanoseconds", Assert.Throws<ProtocolException>(() =>
            Hello.Read(WireMessage.Map(("v", 1), ("t", "hello"), ("robot", "r"), ("joints", Array.Empty<object>()), ("sensors", Array.Empty<object>()), ("period_ns", 0)))).Message);
        object[] terms = [MessagePackTreeMap(("name", "imu"), ("size", 0))];
        Assert.Equal("a 'hello' message whose 'sensors[0].size' is 0; a sensor term has at least one value", Assert.Throws<ProtocolException>(() =>
            Hello.Read(WireMessage.Map(("v", 1), ("t", "hello"), ("robot", "r"), ("joints", Array.Empty<object>()), ("sensors", terms), ("period_ns", 1)))).Message);
        terms[0] = MessagePackTreeMap(("size", 6));
        Assert.Equal("a 'hello' message without 'sensors[0].name'", Assert.Throws<ProtocolException>(() =>
            Hello.Read(WireMessage.Map(("v", 1), ("t", "hello"), ("robot", "r"), ("joints", Array.Empty<object>()), ("sensors", terms), ("period_ns", 1)))).Message);
        // A value of the wrong type is the codec's error, which says where.
        var wrongType = Assert.Throws<MessagePackFormatException>(() =>
            Heartbeat.Read(WireMessage.Map(("v", 1), ("t", "heartbeat"), ("seq", "one"), ("ts_ns", 1))));
        Assert.StartsWith("MessagePack at offset", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_after_the_message_are_refused()
    {
        byte[] heartbeat = [.. WireMessage.Encode(Heartbeat.MaxLength, new Heartbeat(1, 2).Write), 0xc0];
        Assert.Equal("a 'heartbeat' message followed by 1 more bytes; one message fills a datagram or frame",
            Assert.Throws<ProtocolException>(() => Heartbeat.Read(heartbeat)).Message);
    }

    private static MessagePackValue MessagePackTreeMap(params (string Key, object? Value)[] pairs) =>
        MessagePackTree.Decode(WireMessage.Map(pairs));

    private static void ReadAs(string type, byte[] message)
    {
        switch (type)
        {
            case "sensor": SensorFrame.Read(message, new float[8]); break;
            case "action": ActionFrame.Read(message, new float[8]); break;
            case "heartbeat": Heartbeat.Read(message); break;
            case "estop": EStop.Read(message); break;
            case "goodbye": Goodbye.Read(message); break;
            case "fault": Fault.Read(message); break;
            case "hello": Hello.Read(message); break;
            default: throw new ArgumentException(type);
        }
    }
}
