using MessagePack;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Bridge.Messages;

/// <summary>The body an estop and a goodbye share: a "reason" code and optional "text" (absent or nil when null).</summary>
internal static class ReasonAndText
{
    /// <summary>Most bytes the body takes: "reason" with a uint32, and "text" with its str.</summary>
    public static int MaxLength(string? text) => (7 + 5) + TextField.MaxLength(text);

    public static void Write(ref MessagePackWriter writer, MessageType type, uint reason, string? text)
    {
        MessageEnvelope.Write(ref writer, type, bodyPairs: text is null ? 1 : 2);
        writer.WriteString(WireKeys.Reason);
        writer.Write(reason);
        if (text is not null)
        {
            writer.WriteString(WireKeys.Text);
            MessagePackFields.WriteText(ref writer, text);
        }
    }

    public static (uint Reason, string? Text) Read(scoped ref MessagePackReader reader, MessageType type)
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
        MessageEnvelope.ExpectEnd(ref reader, type);
        MessageErrors.Require(hasReason, type, "reason");
        return (reason, text);
    }
}
