using MessagePack;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// What every message carries besides its own fields: a MessagePack map whose "v" is the protocol version and whose
/// "t" is the type tag. Writers put both first; readers find them anywhere in the map, since a peer's MessagePack
/// library may order keys as it likes. <see cref="PeekType"/> lets a receive loop dispatch without decoding the
/// rest or allocating.
/// </summary>
public static class MessageEnvelope
{
    /// <summary>Map pairs the envelope takes ("v" and "t").</summary>
    internal const int Pairs = 2;

    /// <summary>Most bytes a map header and the envelope take: map32 header, "v" with a uint64, "t" with "heartbeat".</summary>
    internal const int MaxLength = 5 + (2 + 9) + (2 + 10);

    /// <summary>
    /// The type of <paramref name="message"/>, after checking its version. Throws <see cref="ProtocolException"/>
    /// for a missing envelope, a newer protocol version (checked first: a newer peer may well send new types) or an
    /// unknown type, and <see cref="MessagePackFormatException"/> when the bytes are not a MessagePack map. Reads only
    /// as far as the envelope; allocates nothing unless it throws.
    /// </summary>
    public static MessageType PeekType(ReadOnlySpan<byte> message) =>
        MessageCodec.Read(message, default, static (scoped ref MessagePackReader reader, Span<float> _) => ReadType(ref reader));

    private static MessageType ReadType(scoped ref MessagePackReader reader)
    {
        int pairs = reader.ReadMapHeader();
        ulong version = 0;
        bool versionSeen = false;
        scoped ReadOnlySpan<byte> tag = default;
        bool tagSeen = false;
        for (int i = 0; i < pairs && !(versionSeen && tagSeen); i++)
        {
            ReadOnlySpan<byte> key = MessagePackFields.ReadKey(ref reader);
            if (key.SequenceEqual(WireKeys.Version))
            {
                version = reader.ReadUInt64();
                versionSeen = true;
            }
            else if (key.SequenceEqual(WireKeys.Type))
            {
                tag = MessagePackFields.ReadUtf8(ref reader);
                tagSeen = true;
            }
            else
            {
                reader.Skip();
            }
        }
        if (!versionSeen)
        {
            throw MessageErrors.NoVersion();
        }
        CheckVersion(version);
        if (!tagSeen)
        {
            throw MessageErrors.NoType();
        }
        if (!MessageTypeTags.TryParse(tag, out MessageType type))
        {
            throw MessageErrors.UnknownType(tag);
        }
        return type;
    }

    /// <summary>
    /// <see cref="PeekType"/> for loops that skip what they cannot read: the type, or null when the message is not a
    /// readable envelope (the exception's cost is paid only then).
    /// </summary>
    public static MessageType? TryPeekType(ReadOnlySpan<byte> message)
    {
        try
        {
            return PeekType(message);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Checks that <paramref name="message"/> is of <paramref name="expected"/> type and a version this side reads,
    /// before a message's reader walks its fields (which then skips "v" and "t" like any key it does not know).
    /// </summary>
    internal static void Expect(ReadOnlySpan<byte> message, MessageType expected)
    {
        MessageType found = PeekType(message);
        if (found != expected)
        {
            throw MessageErrors.WrongType(expected, found);
        }
    }

    /// <summary>Starts a message: the map header for the envelope plus <paramref name="bodyPairs"/> fields, then "v" and "t".</summary>
    internal static void Write(ref MessagePackWriter writer, MessageType type, int bodyPairs)
    {
        writer.WriteMapHeader(Pairs + bodyPairs);
        writer.WriteString(WireKeys.Version);
        writer.Write((ulong)Protocol.VersionOf(type));
        writer.WriteString(WireKeys.Type);
        writer.WriteString(MessageTypeTags.Utf8(type));
    }

    /// <summary>Refuses bytes after the message's map: one message fills its datagram or frame.</summary>
    internal static void ExpectEnd(ref MessagePackReader reader, MessageType type)
    {
        if (!reader.End)
        {
            throw MessageErrors.TrailingBytes(type, reader.Sequence.Length - reader.Consumed);
        }
    }

    internal static void CheckVersion(ulong version)
    {
        if (version == 0)
        {
            throw MessageErrors.VersionZero();
        }
        if (version > Protocol.Version)
        {
            throw MessageErrors.NewerVersion(version);
        }
    }
}
