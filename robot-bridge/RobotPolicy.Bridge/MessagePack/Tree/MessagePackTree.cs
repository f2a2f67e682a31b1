using System.Text;

namespace RobotPolicy.Bridge.MessagePack.Tree;

/// <summary>
/// Reads and writes whole <see cref="MessagePackValue"/> trees with the span reader and writer, so conformance
/// tests exercise exactly the code the bridge runs. Allocates; not for the control loop.
/// </summary>
public static class MessagePackTree
{
    /// <summary>Nesting beyond this is refused: a hostile message of nested one-element arrays must not overflow the stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>Decodes a buffer that holds exactly one value.</summary>
    public static MessagePackValue Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new MessagePackReader(bytes);
        MessagePackValue value = Read(ref reader);
        if (!reader.End)
        {
            throw new MessagePackFormatException(reader.Position, "the end of the buffer after one value", $"{reader.Remaining} more bytes");
        }
        return value;
    }

    /// <summary>Encodes a value in its smallest encoding into a new array of exactly the right length.</summary>
    public static byte[] Encode(MessagePackValue value)
    {
        var bytes = new byte[EncodedLength(value)];
        var writer = new MessagePackWriter(bytes);
        Write(ref writer, value);
        return bytes;
    }

    public static MessagePackValue Read(ref MessagePackReader reader) => Read(ref reader, 0);

    public static void Write(ref MessagePackWriter writer, MessagePackValue value)
    {
        switch (value.Kind)
        {
            case MessagePackValueKind.Nil: writer.WriteNil(); break;
            case MessagePackValueKind.Boolean: writer.WriteBoolean(value.Boolean); break;
            case MessagePackValueKind.Integer:
                if (value.Integer < 0)
                {
                    writer.WriteInt64((long)value.Integer);
                }
                else
                {
                    writer.WriteUInt64((ulong)value.Integer);
                }
                break;
            case MessagePackValueKind.Float32: writer.WriteSingle((float)value.Float); break;
            case MessagePackValueKind.Float64: writer.WriteDouble(value.Float); break;
            case MessagePackValueKind.String: writer.WriteString(value.String); break;
            case MessagePackValueKind.Binary: writer.WriteBinary(value.Bytes.Span); break;
            case MessagePackValueKind.Extension: writer.WriteExtension(value.ExtensionType, value.Bytes.Span); break;
            case MessagePackValueKind.Timestamp: writer.WriteTimestamp(value.Timestamp); break;
            case MessagePackValueKind.Array:
                writer.WriteArrayHeader(value.Items.Count);
                foreach (MessagePackValue item in value.Items)
                {
                    Write(ref writer, item);
                }
                break;
            case MessagePackValueKind.Map:
                writer.WriteMapHeader(value.Pairs.Count);
                foreach (var (key, item) in value.Pairs)
                {
                    Write(ref writer, key);
                    Write(ref writer, item);
                }
                break;
        }
    }

    /// <summary>Bytes <see cref="Write"/> will produce for <paramref name="value"/>.</summary>
    public static int EncodedLength(MessagePackValue value) => value.Kind switch
    {
        MessagePackValueKind.Nil or MessagePackValueKind.Boolean => 1,
        MessagePackValueKind.Integer => IntegerLength(value.Integer),
        MessagePackValueKind.Float32 => 5,
        MessagePackValueKind.Float64 => 9,
        MessagePackValueKind.String => StringLength(Encoding.UTF8.GetByteCount(value.String)),
        MessagePackValueKind.Binary => MessagePackWriter.BinaryHeaderLength(value.Bytes.Length) + value.Bytes.Length,
        MessagePackValueKind.Extension => MessagePackWriter.ExtensionHeaderLength(value.Bytes.Length) + value.Bytes.Length,
        MessagePackValueKind.Timestamp => TimestampLength(value.Timestamp),
        MessagePackValueKind.Array => MessagePackWriter.CollectionHeaderLength(value.Items.Count) + value.Items.Sum(EncodedLength),
        MessagePackValueKind.Map => MessagePackWriter.CollectionHeaderLength(value.Pairs.Count)
            + value.Pairs.Sum(p => EncodedLength(p.Key) + EncodedLength(p.Value)),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "unknown kind"),
    };

    private static MessagePackValue Read(ref MessagePackReader reader, int depth)
    {
        int start = reader.Position;
        switch (reader.NextType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return MessagePackValue.Nil;
            case MessagePackType.Boolean:
                return MessagePackValue.FromBoolean(reader.ReadBoolean());
            case MessagePackType.Integer:
                return MessagePackValue.FromInteger(reader.ReadInteger());
            case MessagePackType.Float:
                ReadOnlySpan<byte> floatBytes = reader.ReadRawValue();
                var floatReader = new MessagePackReader(floatBytes);
                return floatBytes[0] == MessagePackCode.Float32
                    ? MessagePackValue.FromSingle(floatReader.ReadSingle())
                    : MessagePackValue.FromDouble(floatReader.ReadDouble());
            case MessagePackType.String:
                return MessagePackValue.FromString(reader.ReadString());
            case MessagePackType.Binary:
                return MessagePackValue.FromBinary(reader.ReadBinary());
            case MessagePackType.Extension:
                // A copy of the reader looks at the header; the timestamp then goes through its own (validating) read.
                MessagePackReader probe = reader;
                if (probe.ReadExtensionHeader().Type == MessagePackExtension.TimestampType)
                {
                    return MessagePackValue.FromTimestamp(reader.ReadTimestamp());
                }
                ReadOnlySpan<byte> data = reader.ReadExtension(out sbyte type);
                return MessagePackValue.FromExtension(type, data);
            case MessagePackType.Array:
                CheckDepth(start, depth);
                int count = reader.ReadArrayHeader();
                var items = new MessagePackValue[count];
                for (int i = 0; i < count; i++)
                {
                    items[i] = Read(ref reader, depth + 1);
                }
                return MessagePackValue.FromArray(items);
            case MessagePackType.Map:
                CheckDepth(start, depth);
                int pairCount = reader.ReadMapHeader();
                var pairs = new KeyValuePair<MessagePackValue, MessagePackValue>[pairCount];
                for (int i = 0; i < pairCount; i++)
                {
                    MessagePackValue key = Read(ref reader, depth + 1);
                    pairs[i] = new(key, Read(ref reader, depth + 1));
                }
                return MessagePackValue.FromMap(pairs);
            default:
                throw new MessagePackFormatException(start, "a value", "0xc1 (never used)");
        }
    }

    private static void CheckDepth(int offset, int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new MessagePackFormatException(offset, $"nesting at most {MaxDepth} deep", "deeper nesting");
        }
    }

    private static int IntegerLength(Int128 value)
    {
        if (value >= -32 && value <= 127)
        {
            return 1;
        }
        if (value >= sbyte.MinValue && value <= byte.MaxValue)
        {
            return 2;
        }
        if (value >= short.MinValue && value <= ushort.MaxValue)
        {
            return 3;
        }
        return value >= int.MinValue && value <= uint.MaxValue ? 5 : 9;
    }

    private static int StringLength(int byteCount) => MessagePackWriter.StringHeaderLength(byteCount) + byteCount;

    private static int TimestampLength(MessagePackTimestamp timestamp) =>
        (ulong)timestamp.Seconds >> 34 != 0 ? 15 : timestamp.Nanoseconds == 0 && (ulong)timestamp.Seconds <= uint.MaxValue ? 6 : 10;
}
