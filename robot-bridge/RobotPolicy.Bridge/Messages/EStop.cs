using RobotPolicy.Bridge.MessagePack;

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

    public int Write(Span<byte> destination)
    {
        var writer = new MessagePackWriter(destination);
        MessageEnvelope.Write(ref writer, MessageType.EStop, bodyPairs: Text is null ? 1 : 2);
        writer.WriteStringUtf8(WireKeys.Reason);
        writer.WriteUInt64(Reason);
        if (Text is not null)
        {
            writer.WriteStringUtf8(WireKeys.Text);
            writer.WriteString(Text);
        }
        return writer.Position;
    }

    public static EStop Read(ReadOnlySpan<byte> message)
    {
        MessageEnvelope.Expect(message, MessageType.EStop);
        var reader = new MessagePackReader(message);
        uint reason = 0;
        string? text = null;
        bool hasReason = false;
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            if (reader.TryReadStringEquals(WireKeys.Reason))
            {
                reason = reader.ReadUInt32();
                hasReason = true;
            }
            else if (reader.TryReadStringEquals(WireKeys.Text))
            {
                text = reader.TryReadNil() ? null : reader.ReadString();
            }
            else
            {
                MessageEnvelope.SkipPair(ref reader);
            }
        }
        MessageEnvelope.ExpectEnd(ref reader, MessageType.EStop);
        MessageErrors.Require(hasReason, MessageType.EStop, "reason");
        return new EStop(reason, text);
    }
}
