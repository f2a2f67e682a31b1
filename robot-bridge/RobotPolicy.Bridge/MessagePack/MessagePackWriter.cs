using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace RobotPolicy.Bridge.MessagePack;

/// <summary>
/// Writes MessagePack into a caller's buffer, allocating nothing. Every value takes its smallest encoding
/// (integers by value, strings, binaries, arrays, maps and extensions by length, timestamps by range), as the spec
/// asks of a serializer. A value that does not fit throws <see cref="MessagePackBufferTooSmallException"/> before
/// any of its bytes are written.
/// </summary>
public ref struct MessagePackWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public MessagePackWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>The whole buffer's length.</summary>
    public readonly int Capacity => _buffer.Length;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    public void WriteNil() => Reserve(1, "nil")[0] = MessagePackCode.Nil;

    public void WriteBoolean(bool value) => Reserve(1, "bool")[0] = value ? MessagePackCode.True : MessagePackCode.False;

    /// <summary>Smallest encoding: a fixint, else uint8-64 for non-negative values (as most writers do), else int8-64.</summary>
    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
        }
        else if (value >= -32)
        {
            Reserve(1, "negative fixint")[0] = unchecked((byte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            Span<byte> span = Reserve(2, "int8");
            span[0] = MessagePackCode.Int8;
            span[1] = unchecked((byte)value);
        }
        else if (value >= short.MinValue)
        {
            Span<byte> span = Reserve(3, "int16");
            span[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            Span<byte> span = Reserve(5, "int32");
            span[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
        }
        else
        {
            Span<byte> span = Reserve(9, "int64");
            span[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
        }
    }

    public void WriteUInt64(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            Reserve(1, "positive fixint")[0] = (byte)value;
        }
        else if (value <= byte.MaxValue)
        {
            Span<byte> span = Reserve(2, "uint8");
            span[0] = MessagePackCode.UInt8;
            span[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            Span<byte> span = Reserve(3, "uint16");
            span[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            Span<byte> span = Reserve(5, "uint32");
            span[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
        }
        else
        {
            Span<byte> span = Reserve(9, "uint64");
            span[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
        }
    }

    /// <summary>Always float32: the caller chose the precision, so a whole number stays a float on the wire.</summary>
    public void WriteSingle(float value)
    {
        Span<byte> span = Reserve(5, "float32");
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
    }

    public void WriteDouble(double value)
    {
        Span<byte> span = Reserve(9, "float64");
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
    }

    /// <summary>Encodes UTF-16 text as UTF-8. A lone surrogate is refused (ArgumentException), never replaced.</summary>
    public void WriteString(ReadOnlySpan<char> value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        int headerLength = StringHeaderLength(byteCount);
        Span<byte> span = Peek(headerLength + byteCount, "str");
        OperationStatus status = Utf8.FromUtf16(value, span[headerLength..], out _, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done || written != byteCount)
        {
            throw new ArgumentException("the string is not valid UTF-16 (it has a lone surrogate), so it has no UTF-8 form", nameof(value));
        }
        WriteStringHeaderUnchecked(span, byteCount);
        _position += headerLength + byteCount;
    }

    /// <summary>Writes already encoded UTF-8 (a u8 literal, say) as a string, unchecked and without allocating.</summary>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8)
    {
        int headerLength = StringHeaderLength(utf8.Length);
        Span<byte> span = Reserve(headerLength + utf8.Length, "str");
        WriteStringHeaderUnchecked(span, utf8.Length);
        utf8.CopyTo(span[headerLength..]);
    }

    /// <summary>A str header alone; the caller then writes <paramref name="byteLength"/> bytes of UTF-8 with <see cref="WriteRaw"/>.</summary>
    public void WriteStringHeader(int byteLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        WriteStringHeaderUnchecked(Reserve(StringHeaderLength(byteLength), "str header"), byteLength);
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        int headerLength = BinaryHeaderLength(value.Length);
        Span<byte> span = Reserve(headerLength + value.Length, "bin");
        WriteBinaryHeaderUnchecked(span, value.Length);
        value.CopyTo(span[headerLength..]);
    }

    /// <summary>A bin header alone; the caller then writes <paramref name="length"/> bytes with <see cref="WriteRaw"/>.</summary>
    public void WriteBinaryHeader(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        WriteBinaryHeaderUnchecked(Reserve(BinaryHeaderLength(length), "bin header"), length);
    }

    /// <summary>fixarray, array16 or array32; the <paramref name="count"/> elements follow.</summary>
    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteCollectionHeader(count, MessagePackCode.MinFixArray, MessagePackCode.Array16, MessagePackCode.Array32, "array header");
    }

    /// <summary>fixmap, map16 or map32; <paramref name="count"/> key-value pairs follow, key first.</summary>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteCollectionHeader(count, MessagePackCode.MinFixMap, MessagePackCode.Map16, MessagePackCode.Map32, "map header");
    }

    /// <summary>fixext1/2/4/8/16 when the length allows, else ext8/16/32.</summary>
    public void WriteExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        int headerLength = ExtensionHeaderLength(data.Length);
        Span<byte> span = Reserve(headerLength + data.Length, "ext");
        WriteExtensionHeaderUnchecked(span, type, data.Length);
        data.CopyTo(span[headerLength..]);
    }

    /// <summary>An ext header alone; the caller then writes <paramref name="length"/> bytes with <see cref="WriteRaw"/>.</summary>
    public void WriteExtensionHeader(sbyte type, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        WriteExtensionHeaderUnchecked(Reserve(ExtensionHeaderLength(length), "ext header"), type, length);
    }

    /// <summary>
    /// The timestamp extension in the smallest of its three layouts: 32-bit seconds when there are no nanoseconds
    /// and the seconds fit an unsigned 32-bit number, 64-bit (30-bit nanoseconds, 34-bit seconds) when the seconds
    /// are in [0, 2^34), else 96-bit (32-bit nanoseconds, signed 64-bit seconds).
    /// </summary>
    public void WriteTimestamp(MessagePackTimestamp timestamp)
    {
        long seconds = timestamp.Seconds;
        uint nanoseconds = timestamp.Nanoseconds;
        if ((ulong)seconds >> 34 == 0)
        {
            if (nanoseconds == 0 && (ulong)seconds <= uint.MaxValue)
            {
                Span<byte> span = Reserve(6, "timestamp32");
                span[0] = MessagePackCode.FixExt4;
                span[1] = unchecked((byte)MessagePackExtension.TimestampType);
                BinaryPrimitives.WriteUInt32BigEndian(span[2..], (uint)seconds);
            }
            else
            {
                Span<byte> span = Reserve(10, "timestamp64");
                span[0] = MessagePackCode.FixExt8;
                span[1] = unchecked((byte)MessagePackExtension.TimestampType);
                BinaryPrimitives.WriteUInt64BigEndian(span[2..], ((ulong)nanoseconds << 34) | (ulong)seconds);
            }
        }
        else
        {
            Span<byte> span = Reserve(15, "timestamp96");
            span[0] = MessagePackCode.Ext8;
            span[1] = 12;
            span[2] = unchecked((byte)MessagePackExtension.TimestampType);
            BinaryPrimitives.WriteUInt32BigEndian(span[3..], nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(span[7..], seconds);
        }
    }

    /// <summary>Copies bytes as they are: a value encoded elsewhere, or the body after a header written above.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length, "raw bytes"));

    internal static int StringHeaderLength(int byteLength) => byteLength switch
    {
        < 32 => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        _ => 5,
    };

    internal static int BinaryHeaderLength(int length) => length switch
    {
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        _ => 5,
    };

    internal static int CollectionHeaderLength(int count) => count switch
    {
        < 16 => 1,
        <= ushort.MaxValue => 3,
        _ => 5,
    };

    internal static int ExtensionHeaderLength(int length) => length switch
    {
        1 or 2 or 4 or 8 or 16 => 2,
        <= byte.MaxValue => 3,
        <= ushort.MaxValue => 4,
        _ => 6,
    };

    private static void WriteStringHeaderUnchecked(Span<byte> span, int byteLength)
    {
        if (byteLength < 32)
        {
            span[0] = (byte)(MessagePackCode.MinFixStr | byteLength);
        }
        else if (byteLength <= byte.MaxValue)
        {
            span[0] = MessagePackCode.Str8;
            span[1] = (byte)byteLength;
        }
        else if (byteLength <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.Str16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)byteLength);
        }
        else
        {
            span[0] = MessagePackCode.Str32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)byteLength);
        }
    }

    private static void WriteBinaryHeaderUnchecked(Span<byte> span, int length)
    {
        if (length <= byte.MaxValue)
        {
            span[0] = MessagePackCode.Bin8;
            span[1] = (byte)length;
        }
        else if (length <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.Bin16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
        }
        else
        {
            span[0] = MessagePackCode.Bin32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        }
    }

    private static void WriteExtensionHeaderUnchecked(Span<byte> span, sbyte type, int length)
    {
        switch (length)
        {
            case 1: span[0] = MessagePackCode.FixExt1; span[1] = unchecked((byte)type); return;
            case 2: span[0] = MessagePackCode.FixExt2; span[1] = unchecked((byte)type); return;
            case 4: span[0] = MessagePackCode.FixExt4; span[1] = unchecked((byte)type); return;
            case 8: span[0] = MessagePackCode.FixExt8; span[1] = unchecked((byte)type); return;
            case 16: span[0] = MessagePackCode.FixExt16; span[1] = unchecked((byte)type); return;
            case <= byte.MaxValue:
                span[0] = MessagePackCode.Ext8;
                span[1] = (byte)length;
                span[2] = unchecked((byte)type);
                return;
            case <= ushort.MaxValue:
                span[0] = MessagePackCode.Ext16;
                BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
                span[3] = unchecked((byte)type);
                return;
            default:
                span[0] = MessagePackCode.Ext32;
                BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
                span[5] = unchecked((byte)type);
                return;
        }
    }

    private void WriteCollectionHeader(int count, byte fixBase, byte code16, byte code32, string what)
    {
        if (count < 16)
        {
            Reserve(1, what)[0] = (byte)(fixBase | count);
        }
        else if (count <= ushort.MaxValue)
        {
            Span<byte> span = Reserve(3, what);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
        }
        else
        {
            Span<byte> span = Reserve(5, what);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
        }
    }

    /// <summary>The next <paramref name="length"/> bytes, now counted as written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int length, string what)
    {
        Span<byte> span = Peek(length, what);
        _position += length;
        return span;
    }

    /// <summary>The next <paramref name="length"/> bytes, not yet counted as written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Span<byte> Peek(int length, string what)
    {
        if ((uint)length > (uint)(_buffer.Length - _position))
        {
            ThrowTooSmall(what, length);
        }
        return _buffer.Slice(_position, length);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTooSmall(string what, int length) =>
        throw new MessagePackBufferTooSmallException(what, length, _position, _buffer.Length);
}
