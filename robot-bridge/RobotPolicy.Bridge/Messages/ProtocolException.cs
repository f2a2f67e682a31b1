namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// A message that is well-formed MessagePack but not a message this side can use: an unknown type, a newer
/// protocol version, a missing or out-of-range field. Malformed MessagePack itself surfaces as the codec's
/// <see cref="MessagePack.MessagePackFormatException"/>; <see cref="MessageDispatcher"/> counts both and drops
/// the message.
/// </summary>
public sealed class ProtocolException : FormatException
{
    public ProtocolException(ProtocolErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public ProtocolErrorKind Kind { get; }
}
