using MessagePack;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// One control cycle's sensor values, robot to runtime: every sensor term of the robot's <see cref="Hello"/>, in
/// that order, flattened (one observation frame for the policy). Writing and reading allocate nothing; the values
/// are read into the caller's span.
/// </summary>
public readonly ref struct SensorFrame
{
    public SensorFrame(ulong sequence, long robotTimeNanoseconds, ReadOnlySpan<float> values)
    {
        Sequence = sequence;
        RobotTimeNanoseconds = robotTimeNanoseconds;
        Values = values;
    }

    /// <summary>Counts up by one per frame the robot sends ("seq"); the action frame echoes it.</summary>
    public ulong Sequence { get; }

    /// <summary>The robot's monotonic clock when it sampled the sensors, in nanoseconds ("ts_ns").</summary>
    public long RobotTimeNanoseconds { get; }

    /// <summary>The sensor terms' values in Hello's order ("values").</summary>
    public ReadOnlySpan<float> Values { get; }

    /// <summary>The most bytes a frame of <paramref name="valueCount"/> values takes: size send buffers by it.</summary>
    public static int MaxLength(int valueCount) =>
        MessageEnvelope.MaxLength + (4 + 9) + (6 + 9) + 7 + FloatArrays.MaxLength(valueCount);

    /// <summary>Writes the message into <paramref name="destination"/> and returns its length.</summary>
    public int Write(Span<byte> destination) =>
        MessageCodec.Write(destination, in this, static (in SensorFrame frame, ref MessagePackWriter writer) => frame.WriteBody(ref writer));

    private void WriteBody(ref MessagePackWriter writer)
    {
        MessageEnvelope.Write(ref writer, MessageType.SensorFrame, bodyPairs: 3);
        writer.WriteString(WireKeys.Sequence);
        writer.Write(Sequence);
        writer.WriteString(WireKeys.TimeNanoseconds);
        writer.Write(RobotTimeNanoseconds);
        writer.WriteString(WireKeys.Values);
        FloatArrays.Write(ref writer, Values);
    }

    /// <summary>
    /// Reads a sensor message, its values into <paramref name="values"/> (the returned frame's <see cref="Values"/>
    /// is the filled part of it). Throws <see cref="ProtocolException"/> or <see cref="MessagePackFormatException"/>
    /// for anything else, including more values than <paramref name="values"/> holds.
    /// </summary>
    public static SensorFrame Read(ReadOnlySpan<byte> message, Span<float> values)
    {
        MessageEnvelope.Expect(message, MessageType.SensorFrame);
        return MessageCodec.Read(message, values, static (scoped ref MessagePackReader reader, Span<float> values) => ReadBody(ref reader, values));
    }

    private static SensorFrame ReadBody(scoped ref MessagePackReader reader, Span<float> values)
    {
        ulong sequence = 0;
        long time = 0;
        int count = 0;
        bool hasSequence = false, hasTime = false, hasValues = false;
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
            else if (key.SequenceEqual(WireKeys.Values))
            {
                count = FloatArrays.Read(ref reader, values, MessageType.SensorFrame, "values");
                hasValues = true;
            }
            else
            {
                reader.Skip();
            }
        }
        MessageEnvelope.ExpectEnd(ref reader, MessageType.SensorFrame);
        MessageErrors.Require(hasSequence, MessageType.SensorFrame, "seq");
        MessageErrors.Require(hasTime, MessageType.SensorFrame, "ts_ns");
        MessageErrors.Require(hasValues, MessageType.SensorFrame, "values");
        return new SensorFrame(sequence, time, values[..count]);
    }
}
