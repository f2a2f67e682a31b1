namespace RobotPolicy.Bridge.Messages;

/// <summary>Each <see cref="MessageType"/>'s tag on the wire, and back. Tags are short words so a dump of the bytes reads.</summary>
public static class MessageTypeTags
{
    public static ReadOnlySpan<byte> Utf8(MessageType type) => type switch
    {
        MessageType.Hello => "hello"u8,
        MessageType.SensorFrame => "sensor"u8,
        MessageType.ActionFrame => "action"u8,
        MessageType.Heartbeat => "heartbeat"u8,
        MessageType.EStop => "estop"u8,
        MessageType.Fault => "fault"u8,
        MessageType.Goodbye => "goodbye"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a message type"),
    };

    /// <summary>The tag as text, for messages to people.</summary>
    public static string Name(MessageType type) => System.Text.Encoding.UTF8.GetString(Utf8(type));

    /// <summary>Every tag this version knows, for error messages.</summary>
    public static string AllNames => string.Join(", ", Enum.GetValues<MessageType>().Select(Name));

    /// <summary>Finds the type whose tag is <paramref name="tag"/>, comparing bytes (no allocation).</summary>
    public static bool TryParse(ReadOnlySpan<byte> tag, out MessageType type)
    {
        foreach (MessageType candidate in Types)
        {
            if (tag.SequenceEqual(Utf8(candidate)))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    // Enum.GetValues allocates an array on every call; the loop above runs per message.
    private static readonly MessageType[] Types = Enum.GetValues<MessageType>();
}
