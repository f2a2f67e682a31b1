using MessagePack;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// The policy's targets for one sensor frame, runtime to robot: one value per joint of the robot's
/// <see cref="Hello"/>, in that order (the policy's action order). It echoes the sensor frame's sequence and
/// carries the runtime's receive and send times, so the robot can measure the round trip and the runtime's share of
/// it. Writing and reading allocate nothing; the targets are read into the caller's span.
/// </summary>
public readonly ref struct ActionFrame
{
    public ActionFrame(ulong sensorSequence, long receivedNanoseconds, long sentNanoseconds, ActionMode mode, ReadOnlySpan<float> targets)
    {
        SensorSequence = sensorSequence;
        ReceivedNanoseconds = receivedNanoseconds;
        SentNanoseconds = sentNanoseconds;
        Mode = mode;
        Targets = targets;
    }

    /// <summary>The sequence of the sensor frame these targets were computed from ("seq").</summary>
    public ulong SensorSequence { get; }

    /// <summary>The runtime's monotonic clock when that sensor frame arrived, in nanoseconds ("rx_ns").</summary>
    public long ReceivedNanoseconds { get; }

    /// <summary>The runtime's monotonic clock when this frame was sent, in nanoseconds ("tx_ns").</summary>
    public long SentNanoseconds { get; }

    /// <summary>What the robot does with the targets ("mode").</summary>
    public ActionMode Mode { get; }

    /// <summary>One target per joint, in Hello's joint order ("targets").</summary>
    public ReadOnlySpan<float> Targets { get; }

    /// <summary>The most bytes a frame of <paramref name="targetCount"/> targets takes: size send buffers by it.</summary>
    public static int MaxLength(int targetCount) =>
        MessageEnvelope.MaxLength + (4 + 9) + (6 + 9) + (6 + 9) + (5 + ActionModeTags.MaxLength) + 8 + FloatArrays.MaxLength(targetCount);

    /// <summary>Writes the message into <paramref name="destination"/> and returns its length.</summary>
    public int Write(Span<byte> destination) =>
        MessageCodec.Write(destination, in this, static (in ActionFrame message, ref MessagePackWriter writer) => message.WriteBody(ref writer));

    private void WriteBody(ref MessagePackWriter writer)
    {
        MessageEnvelope.Write(ref writer, MessageType.ActionFrame, bodyPairs: 5);
        writer.WriteString(WireKeys.Sequence);
        writer.Write(SensorSequence);
        writer.WriteString(WireKeys.ReceivedNanoseconds);
        writer.Write(ReceivedNanoseconds);
        writer.WriteString(WireKeys.SentNanoseconds);
        writer.Write(SentNanoseconds);
        writer.WriteString(WireKeys.Mode);
        writer.WriteString(ActionModeTags.Utf8(Mode));
        writer.WriteString(WireKeys.Targets);
        FloatArrays.Write(ref writer, Targets);
    }

    /// <summary>
    /// Reads an action message, its targets into <paramref name="targets"/> (the returned frame's
    /// <see cref="Targets"/> is the filled part of it). Throws <see cref="ProtocolException"/> or
    /// <see cref="MessagePackFormatException"/> for anything else, including more targets than
    /// <paramref name="targets"/> holds or an unknown mode.
    /// </summary>
    public static ActionFrame Read(ReadOnlySpan<byte> message, Span<float> targets)
    {
        MessageEnvelope.Expect(message, MessageType.ActionFrame);
        return MessageCodec.Read(message, targets, static (scoped ref MessagePackReader reader, Span<float> targets) => ReadBody(ref reader, targets));
    }

    private static ActionFrame ReadBody(scoped ref MessagePackReader reader, Span<float> targets)
    {
        ulong sequence = 0;
        long received = 0, sent = 0;
        ActionMode mode = ActionMode.Normal;
        int count = 0;
        bool hasSequence = false, hasReceived = false, hasSent = false, hasMode = false, hasTargets = false;
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            ReadOnlySpan<byte> key = MessagePackFields.ReadKey(ref reader);
            if (key.SequenceEqual(WireKeys.Sequence))
            {
                sequence = reader.ReadUInt64();
                hasSequence = true;
            }
            else if (key.SequenceEqual(WireKeys.ReceivedNanoseconds))
            {
                received = reader.ReadInt64();
                hasReceived = true;
            }
            else if (key.SequenceEqual(WireKeys.SentNanoseconds))
            {
                sent = reader.ReadInt64();
                hasSent = true;
            }
            else if (key.SequenceEqual(WireKeys.Mode))
            {
                ReadOnlySpan<byte> word = MessagePackFields.ReadUtf8(ref reader);
                if (!ActionModeTags.TryParse(word, out mode))
                {
                    throw MessageErrors.BadValue(MessageType.ActionFrame, "mode",
                        $"is '{MessageErrors.Printable(word)}'; expected normal, hold, damping or safe");
                }
                hasMode = true;
            }
            else if (key.SequenceEqual(WireKeys.Targets))
            {
                count = FloatArrays.Read(ref reader, targets, MessageType.ActionFrame, "targets");
                hasTargets = true;
            }
            else
            {
                reader.Skip();
            }
        }
        MessageEnvelope.ExpectEnd(ref reader, MessageType.ActionFrame);
        MessageErrors.Require(hasSequence, MessageType.ActionFrame, "seq");
        MessageErrors.Require(hasReceived, MessageType.ActionFrame, "rx_ns");
        MessageErrors.Require(hasSent, MessageType.ActionFrame, "tx_ns");
        MessageErrors.Require(hasMode, MessageType.ActionFrame, "mode");
        MessageErrors.Require(hasTargets, MessageType.ActionFrame, "targets");
        return new ActionFrame(sequence, received, sent, mode, targets[..count]);
    }
}
