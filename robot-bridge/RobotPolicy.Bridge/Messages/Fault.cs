using MessagePack;
using RobotPolicy.Bridge.Wire;

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
        return MessageCodec.Write(destination, in this, static (in Fault message, ref MessagePackWriter writer) => message.WriteBody(ref writer));
    }

    private void WriteBody(ref MessagePackWriter writer)
    {
        MessageEnvelope.Write(ref writer, MessageType.Fault, bodyPairs: 2);
        writer.WriteString(WireKeys.Code);
        writer.Write(Code);
        writer.WriteString(WireKeys.Text);
        MessagePackFields.WriteText(ref writer, Text);
    }

    public static Fault Read(ReadOnlySpan<byte> message)
    {
        MessageEnvelope.Expect(message, MessageType.Fault);
        return MessageCodec.Read(message, default, static (scoped ref MessagePackReader reader, Span<float> _) => ReadBody(ref reader));
    }

    private static Fault ReadBody(scoped ref MessagePackReader reader)
    {
        uint code = 0;
        string? text = null;
        bool hasCode = false;
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            ReadOnlySpan<byte> key = MessagePackFields.ReadKey(ref reader);
            if (key.SequenceEqual(WireKeys.Code))
            {
                code = reader.ReadUInt32();
                hasCode = true;
            }
            else if (key.SequenceEqual(WireKeys.Text))
            {
                text = MessagePackFields.ReadText(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        MessageEnvelope.ExpectEnd(ref reader, MessageType.Fault);
        MessageErrors.Require(hasCode, MessageType.Fault, "code");
        MessageErrors.Require(text is not null, MessageType.Fault, "text");
        return new Fault(code, text);
    }
}
