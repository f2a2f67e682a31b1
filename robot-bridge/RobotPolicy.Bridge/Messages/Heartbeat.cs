using RobotPolicy.Bridge.MessagePack;

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

    public int Write(Span<byte> destination)
    {
        var writer = new MessagePackWriter(destination);
        MessageEnvelope.Write(ref writer, MessageType.Heartbeat, bodyPairs: 2);
        writer.WriteStringUtf8(WireKeys.Sequence);
        writer.WriteUInt64(Sequence);
        writer.WriteStringUtf8(WireKeys.TimeNanoseconds);
        writer.WriteInt64(TimeNanoseconds);
        return writer.Position;
    }

    public static Heartbeat Read(ReadOnlySpan<byte> message)
    {
        MessageEnvelope.Expect(message, MessageType.Heartbeat);
        var reader = new MessagePackReader(message);
        ulong sequence = 0;
        long time = 0;
        bool hasSequence = false, hasTime = false;
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            if (reader.TryReadStringEquals(WireKeys.Sequence))
            {
                sequence = reader.ReadUInt64();
                hasSequence = true;
            }
            else if (reader.TryReadStringEquals(WireKeys.TimeNanoseconds))
            {
                time = reader.ReadInt64();
                hasTime = true;
            }
            else
            {
                MessageEnvelope.SkipPair(ref reader);
            }
        }
        MessageEnvelope.ExpectEnd(ref reader, MessageType.Heartbeat);
        MessageErrors.Require(hasSequence, MessageType.Heartbeat, "seq");
        MessageErrors.Require(hasTime, MessageType.Heartbeat, "ts_ns");
        return new Heartbeat(sequence, time);
    }
}
