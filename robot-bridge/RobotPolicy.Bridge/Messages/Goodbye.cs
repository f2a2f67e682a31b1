using MessagePack;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// Either side ends the session on purpose (a robot whose episodes are done, or that is shutting down; a runtime
/// told to stop), so the other does not wait on a watchdog for a peer that is gone. The runtime answers a robot's
/// goodbye with its safe action and ends its run normally. Added in protocol version 2, and written with "v": 2: a
/// version-1 peer drops it, counted, and says to update. Rare, so reading it may allocate (its text).
/// </summary>
/// <param name="Reason">Why ("reason"): 0 when unspecified; other codes are the sender's to define.</param>
/// <param name="Text">Optional words for the log ("text"; absent or nil on the wire when null).</param>
public readonly record struct Goodbye(uint Reason, string? Text = null)
{
    /// <summary>The most bytes a goodbye takes.</summary>
    public int MaxLength => MessageEnvelope.MaxLength + ReasonAndText.MaxLength(Text);

    public int Write(Span<byte> destination) =>
        MessageCodec.Write(destination, in this, static (in Goodbye message, ref MessagePackWriter writer) =>
            ReasonAndText.Write(ref writer, MessageType.Goodbye, message.Reason, message.Text));

    public static Goodbye Read(ReadOnlySpan<byte> message)
    {
        MessageEnvelope.Expect(message, MessageType.Goodbye);
        var (reason, text) = MessageCodec.Read(message, default,
            static (scoped ref MessagePackReader reader, Span<float> _) => ReasonAndText.Read(ref reader, MessageType.Goodbye));
        return new Goodbye(reason, text);
    }
}
