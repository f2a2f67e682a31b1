using RobotPolicy.Bridge.MessagePack;

namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// Either side reports a problem it cannot recover from by itself (a motor driver error, a policy that failed to
/// load). Rare, so reading it allocates (its text).
/// </summary>
/// <param name="Code">What went wrong ("code"): 0 when unspecified; other codes are the sender's to define.</param>
/// <param name="Text">Words for the log ("text").</param>
public readonly record struct Fault(uint Code, string Text)
{
    /// <summary>The most bytes this fault takes.</summary>
    public int MaxLength => MessageEnvelope.MaxLength + (5 + 5) + TextField.MaxLength(Text);

    public int Write(Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(Text);
        var writer = new MessagePackWriter(destination);
        MessageEnvelope.Write(ref writer, MessageType.Fault, bodyPairs: 2);
        writer.WriteStringUtf8(WireKeys.Code);
        writer.WriteUInt64(Code);
        writer.WriteStringUtf8(WireKeys.Text);
        writer.WriteString(Text);
        return writer.Position;
    }

    public static Fault Read(ReadOnlySpan<byte> message)
    {
        MessageEnvelope.Expect(message, MessageType.Fault);
        var reader = new MessagePackReader(message);
        uint code = 0;
        string? text = null;
        bool hasCode = false;
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            if (reader.TryReadStringEquals(WireKeys.Code))
            {
                code = reader.ReadUInt32();
                hasCode = true;
            }
            else if (reader.TryReadStringEquals(WireKeys.Text))
            {
                text = reader.ReadString();
            }
            else
            {
                MessageEnvelope.SkipPair(ref reader);
            }
        }
        MessageEnvelope.ExpectEnd(ref reader, MessageType.Fault);
        MessageErrors.Require(hasCode, MessageType.Fault, "code");
        MessageErrors.Require(text is not null, MessageType.Fault, "text");
        return new Fault(code, text);
    }
}
