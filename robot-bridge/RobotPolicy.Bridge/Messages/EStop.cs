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
    public int MaxLength => MessageEnvelope.MaxLength + (7 + 5) + TextField.MaxLength(Text);

    public int Write(Span<byte> destination) =>
        MessageCodec.Write(destination, in this, static (in EStop message, ref MessagePackWriter writer) => message.WriteBody(ref writer));

    private void WriteBody(ref MessagePackWriter writer)
    {
        MessageEnvelope.Write(ref writer, MessageType.EStop, bodyPairs: Text is null ? 1 : 2);
        writer.WriteString(WireKeys.Reason);
        writer.Write(Reason);
        if (Text is not null)
        {
            writer.WriteString(WireKeys.Text);
            MessagePackFields.WriteText(ref writer, Text);
        }
    }

    public static EStop Read(ReadOnlySpan<byte> message)
    {
        MessageEnvelope.Expect(message, MessageType.EStop);
        return MessageCodec.Read(message, default, static (scoped ref MessagePackReader reader, Span<float> _) => ReadBody(ref reader));
    }

    private static EStop ReadBody(scoped ref MessagePackReader reader)
    {
        uint reason = 0;
        string? text = null;
        bool hasReason = false;
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            ReadOnlySpan<byte> key = MessagePackFields.ReadKey(ref reader);
            if (key.SequenceEqual(WireKeys.Reason))
            {
                reason = reader.ReadUInt32();
                hasReason = true;
            }
            else if (key.SequenceEqual(WireKeys.Text))
            {
                text = reader.TryReadNil() ? null : MessagePackFields.ReadText(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        MessageEnvelope.ExpectEnd(ref reader, MessageType.EStop);
        MessageErrors.Require(hasReason, MessageType.EStop, "reason");
        return new EStop(reason, text);
    }
}
