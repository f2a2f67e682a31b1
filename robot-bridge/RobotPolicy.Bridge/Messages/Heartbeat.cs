using MessagePack;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// Sent by either side when it has nothing else to send, so the other can tell a quiet link from a dead one.
/// Writing and reading allocate nothing.
/// </summary>
/// <param name="Sequence">Counts up by one per heartbeat the sender sends ("seq").</param>
/// <param name="TimeNanoseconds">The sender's monotonic clock, in nanoseconds ("ts_ns").</param>
public readonly record struct Heartbeat(ulong Sequence, long TimeNanoseconds)
{
    /// <summary>The most bytes a heartbeat takes.</summary>
    public const int MaxLength = MessageEnvelope.MaxLength + (4 + 9) + (6 + 9);

    public int Write(Span<byte> destination) =>
        MessageCodec.Write(destination, in this, static (in Heartbeat message, ref MessagePackWriter writer) => message.WriteBody(ref writer));

    private void WriteBody(ref MessagePackWriter writer)
    {
        MessageEnvelope.Write(ref writer, MessageType.Heartbeat, bodyPairs: 2);
        writer.WriteString(WireKeys.Sequence);
        writer.Write(Sequence);
        writer.WriteString(WireKeys.TimeNanoseconds);
        writer.Write(TimeNanoseconds);
    }

    public static Heartbeat Read(ReadOnlySpan<byte> message)
    {
        MessageEnvelope.Expect(message, MessageType.Heartbeat);
        return MessageCodec.Read(message, default, static (scoped ref MessagePackReader reader, Span<float> _) => ReadBody(ref reader));
    }

    private static Heartbeat ReadBody(scoped ref MessagePackReader reader)
    {
        ulong sequence = 0;
        long time = 0;
        bool hasSequence = false, hasTime = false;
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            ReadOnlySpan<byte> key = MessagePackFields.ReadKey(ref reader);
            if (key.SequenceEqual(WireKeys.Sequence))
            {
                sequence = reader.ReadUInt64();
                hasSequence = true;
            }
            else if (key.SequenceEqual(WireKeys.TimeNanoseconds))
            {
                time = reader.ReadInt64();
                hasTime = true;
            }
            else
            {
                reader.Skip();
            }
        }
        MessageEnvelope.ExpectEnd(ref reader, MessageType.Heartbeat);
        MessageErrors.Require(hasSequence, MessageType.Heartbeat, "seq");
        MessageErrors.Require(hasTime, MessageType.Heartbeat, "ts_ns");
        return new Heartbeat(sequence, time);
    }
}
