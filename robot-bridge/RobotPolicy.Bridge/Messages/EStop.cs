using MessagePack;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// Either side asks for an emergency stop: the robot goes to its safe state and the runtime stops sending
/// normal actions. Rare, so reading it may allocate (its text).
/// </summary>
/// <param name="Reason">Why ("reason"): 0 when unspecified; other codes are the robot integration's to define.</param>
/// <param name="Text">Optional words for the log ("text"; absent or nil on the wire when null).</param>
public readonly record struct EStop(uint Reason, string? Text = null)
{
    /// <summary>The most bytes an estop takes.</summary>
    public int MaxLength => MessageEnvelope.MaxLength + ReasonAndText.MaxLength(Text);

    public int Write(Span<byte> destination) =>
        MessageCodec.Write(destination, in this, static (in EStop message, ref MessagePackWriter writer) =>
            ReasonAndText.Write(ref writer, MessageType.EStop, message.Reason, message.Text));

    public static EStop Read(ReadOnlySpan<byte> message)
    {
        MessageEnvelope.Expect(message, MessageType.EStop);
        var (reason, text) = MessageCodec.Read(message, default,
            static (scoped ref MessagePackReader reader, Span<float> _) => ReasonAndText.Read(ref reader, MessageType.EStop));
        return new EStop(reason, text);
    }
}
