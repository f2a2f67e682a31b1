using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using MessagePack;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Tests.Bridge.Values;

/// <summary>
/// Reads and writes whole <see cref="MessagePackValue"/> trees with MessagePack-CSharp's reader and writer (the
/// ones the bridge runs), for conformance and peer tests. What the package's reader throws comes out as the bridge's
/// <see cref="MessagePackFormatException"/>, as from a message reader. Allocates; test code.
/// </summary>
public static class MessagePackTree
{
    /// <summary>The extension type the MessagePack spec reserves for timestamps.</summary>
    public const sbyte TimestampType = -1;

    /// <summary>Nesting beyond this is refused: a hostile message of nested one-element arrays must not overflow the stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>Decodes a buffer that holds exactly one value.</summary>
    public static MessagePackValue Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new MessagePackReader(bytes.ToArray());
        try
        {
            MessagePackValue value = Read(ref reader, 0);
            if (!reader.End)
            {
                throw new MessagePackFormatException(reader.Consumed, $"{bytes.Length - reader.Consumed} more bytes after one value");
            }
            return value;
        }
        catch (Exception e) when (MessageCodec.IsReaderError(e))
        {
            throw MessageCodec.Unreadable(reader.Consumed, e);
        }
    }

    /// <summary>Encodes a value in its smallest encoding.</summary>
    public static byte[] Encode(MessagePackValue value)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        Write(ref writer, value);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    public static void Write(ref MessagePackWriter writer, MessagePackValue value)
    {
        switch (value.Kind)
        {
            case MessagePackValueKind.Nil: writer.WriteNil(); break;
            case MessagePackValueKind.Boolean: writer.Write(value.Boolean); break;
            case MessagePackValueKind.Integer:
                if (value.Integer < 0)
                {
                    writer.Write((long)value.Integer);
                }
                else
                {
                    writer.Write((ulong)value.Integer);
                }
                break;
            case MessagePackValueKind.Float32: writer.Write(value.Single); break;
            case MessagePackValueKind.Float64: writer.Write(value.Float); break;
            case MessagePackValueKind.String: writer.WriteString(Encoding.UTF8.GetBytes(value.String)); break;
            case MessagePackValueKind.Binary: writer.Write(value.Bytes.Span); break;
            case MessagePackValueKind.Extension:
                writer.WriteExtensionFormat(new ExtensionResult(value.ExtensionType, value.Bytes.ToArray()));
                break;
            case MessagePackValueKind.Timestamp:
                byte[] data = TimestampData(value.Timestamp);
                writer.WriteExtensionFormat(new ExtensionResult(TimestampType, data));
                break;
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

    private static MessagePackValue Read(ref MessagePackReader reader, int depth)
    {
        long start = reader.Consumed;
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return MessagePackValue.Nil;
            case MessagePackType.Boolean:
                return MessagePackValue.FromBoolean(reader.ReadBoolean());
            case MessagePackType.Integer:
                return MessagePackValue.FromInteger(reader.NextCode == MessagePackCode.UInt64 ? reader.ReadUInt64() : reader.ReadInt64());
            case MessagePackType.Float:
                return reader.NextCode == MessagePackCode.Float32
                    ? MessagePackValue.FromSingle(reader.ReadSingle())
                    : MessagePackValue.FromDouble(reader.ReadDouble());
            case MessagePackType.String:
                ReadOnlySequence<byte> utf8 = reader.ReadStringSequence()!.Value;
                byte[] text = utf8.ToArray();
                if (!Utf8.IsValid(text))
                {
                    throw new MessagePackFormatException(start, $"a str of {text.Length} bytes that are not valid UTF-8");
                }
                return MessagePackValue.FromString(Encoding.UTF8.GetString(text));
            case MessagePackType.Binary:
                return MessagePackValue.FromBinary(reader.ReadBytes()!.Value.ToArray());
            case MessagePackType.Extension:
                ExtensionResult extension = reader.ReadExtensionFormat();
                byte[] payload = extension.Data.ToArray();
                return extension.TypeCode == TimestampType
                    ? MessagePackValue.FromTimestamp(ReadTimestamp(payload, start))
                    : MessagePackValue.FromExtension(extension.TypeCode, payload);
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
                throw new MessagePackFormatException(start, "0xc1, a code MessagePack never uses");
        }
    }

    private static void CheckDepth(long offset, int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new MessagePackFormatException(offset, $"nesting deeper than {MaxDepth}");
        }
    }

    // The spec's three timestamp layouts: 32-bit seconds; 30-bit nanoseconds and 34-bit seconds; 32-bit nanoseconds
    // and signed 64-bit seconds. The package reads them only into DateTime, which keeps 100 ns and years 1-9999.
    private static MessagePackTimestamp ReadTimestamp(byte[] data, long offset)
    {
        switch (data.Length)
        {
            case 4:
                return new MessagePackTimestamp(BinaryPrimitives.ReadUInt32BigEndian(data), 0);
            case 8:
                ulong packed = BinaryPrimitives.ReadUInt64BigEndian(data);
                return Timestamp((long)(packed & 0x3_ffff_ffff), (uint)(packed >> 34), offset);
            case 12:
                return Timestamp(BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(4)), BinaryPrimitives.ReadUInt32BigEndian(data), offset);
            default:
                throw new MessagePackFormatException(offset, $"a timestamp of {data.Length} bytes; the spec has 4, 8 and 12");
        }
    }

    private static MessagePackTimestamp Timestamp(long seconds, uint nanoseconds, long offset) =>
        nanoseconds < MessagePackTimestamp.NanosecondsPerSecond
            ? new MessagePackTimestamp(seconds, nanoseconds)
            : throw new MessagePackFormatException(offset, $"a timestamp with {nanoseconds} nanoseconds (at most 999999999)");

    private static byte[] TimestampData(MessagePackTimestamp time)
    {
        if ((ulong)time.Seconds >> 34 != 0)
        {
            var data = new byte[12];
            BinaryPrimitives.WriteUInt32BigEndian(data, time.Nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(4), time.Seconds);
            return data;
        }
        if (time.Nanoseconds == 0 && (ulong)time.Seconds <= uint.MaxValue)
        {
            var data = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(data, (uint)time.Seconds);
            return data;
        }
        var packed = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(packed, ((ulong)time.Nanoseconds << 34) | (ulong)time.Seconds);
        return packed;
    }
}
