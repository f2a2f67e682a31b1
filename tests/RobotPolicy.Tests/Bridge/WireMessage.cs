using MessagePack;
using RobotPolicy.Bridge.Wire;
using RobotPolicy.Tests.Bridge.Values;

namespace RobotPolicy.Tests.Bridge;

/// <summary>Builds and shows messages as MessagePack trees, so tests can write what another peer might send.</summary>
internal static class WireMessage
{
    /// <summary>A map of the pairs in order; values are ints, longs, ulongs, floats, doubles, strings, float arrays or trees.</summary>
    public static byte[] Map(params (string Key, object? Value)[] pairs) =>
        MessagePackTree.Encode(MessagePackValue.FromMap(pairs.Select(p =>
            new KeyValuePair<MessagePackValue, MessagePackValue>(MessagePackValue.FromString(p.Key), Value(p.Value)))));

    /// <summary>The message as readable text: <c>{"v": 1, "t": "heartbeat", "seq": 7, "ts_ns": 9}</c>.</summary>
    public static string Show(ReadOnlySpan<byte> message) => MessagePackTree.Decode(message).ToString();

    public static MessagePackValue Value(object? value) => value switch
    {
        null => MessagePackValue.Nil,
        MessagePackValue tree => tree,
        int i => MessagePackValue.FromInteger(i),
        long l => MessagePackValue.FromInteger(l),
        ulong u => MessagePackValue.FromInteger(u),
        float f => MessagePackValue.FromSingle(f),
        double d => MessagePackValue.FromDouble(d),
        string s => MessagePackValue.FromString(s),
        float[] values => MessagePackValue.FromArray(values.Select(v => MessagePackValue.FromSingle(v))),
        object[] items => MessagePackValue.FromArray(items.Select(Value)),
        _ => throw new ArgumentException($"no MessagePack form for {value.GetType()}", nameof(value)),
    };

    /// <summary>Writes <paramref name="write"/>'s message into a buffer of exactly <paramref name="maxLength"/> bytes (so a wrong bound throws).</summary>
    public static byte[] Encode(int maxLength, WriteMessage write)
    {
        var buffer = new byte[maxLength];
        return buffer[..write(buffer)];
    }

    public delegate int WriteMessage(Span<byte> destination);

    /// <summary>True when <paramref name="message"/> decodes as MessagePack at all (for garbage tests).</summary>
    public static bool IsMessagePack(ReadOnlySpan<byte> message)
    {
        try
        {
            var reader = new MessagePackReader(message.ToArray());
            reader.Skip();
            return reader.End;
        }
        catch (Exception e) when (MessageCodec.IsReaderError(e))
        {
            return false;
        }
    }
}
