using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace RobotPolicy.Bridge.MessagePack;

/// <summary>
/// Reads MessagePack from a span, allocating nothing (except <see cref="ReadString"/>). Each typed read accepts every
/// encoding of its kind whose value fits the requested .NET type: an Int16 may arrive as a fixint, uint8, int32 or
/// uint64 (peers pick widths differently). Anything else (a truncated buffer, a malformed header, another type, a
/// value out of range) throws <see cref="MessagePackFormatException"/> with the offset and what was expected, and
/// leaves <see cref="Position"/> where that value starts.
/// </summary>
public ref struct MessagePackReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public MessagePackReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Offset of the next value from the start of the buffer.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _position >= _buffer.Length;

    /// <summary>The kind of the next value (<see cref="MessagePackType.Unknown"/> for the reserved 0xc1); throws at the end of the buffer.</summary>
    public readonly MessagePackType NextType => MessagePackCode.TypeOf(PeekCode("a value"));

    /// <summary>Consumes a nil and returns true, or returns false (consuming nothing) when the next value is something else.</summary>
    public bool TryReadNil()
    {
        if (PeekCode("a value") != MessagePackCode.Nil)
        {
            return false;
        }
        _position++;
        return true;
    }

    public void ReadNil()
    {
        byte code = PeekCode("nil");
        if (code != MessagePackCode.Nil)
        {
            throw MessagePackErrors.WrongType(_position, "nil", code);
        }
        _position++;
    }

    public bool ReadBoolean()
    {
        byte code = PeekCode("a bool");
        bool value = code switch
        {
            MessagePackCode.True => true,
            MessagePackCode.False => false,
            _ => throw MessagePackErrors.WrongType(_position, "a bool", code),
        };
        _position++;
        return value;
    }

    public sbyte ReadSByte() => (sbyte)ReadSigned(sbyte.MinValue, sbyte.MaxValue, nameof(SByte));

    public short ReadInt16() => (short)ReadSigned(short.MinValue, short.MaxValue, nameof(Int16));

    public int ReadInt32() => (int)ReadSigned(int.MinValue, int.MaxValue, nameof(Int32));

    public long ReadInt64() => ReadSigned(long.MinValue, long.MaxValue, nameof(Int64));

    public byte ReadByte() => (byte)ReadUnsigned(byte.MaxValue, nameof(Byte));

    public ushort ReadUInt16() => (ushort)ReadUnsigned(ushort.MaxValue, nameof(UInt16));

    public uint ReadUInt32() => (uint)ReadUnsigned(uint.MaxValue, nameof(UInt32));

    public ulong ReadUInt64() => ReadUnsigned(ulong.MaxValue, nameof(UInt64));

    /// <summary>Any integer format, from int64's minimum to uint64's maximum (an Int128 holds both).</summary>
    public Int128 ReadInteger()
    {
        int start = _position;
        Int128 value = ReadInt128Raw(start, PeekCode("an integer"), out int length);
        _position = start + length;
        return value;
    }

    /// <summary>
    /// A float32, a float64 rounded to the nearest float32, or an integer. Both widths and integers are accepted
    /// because peers differ: Python sends every float as float64, JavaScript sends 1.0 as the integer 1.
    /// </summary>
    public float ReadSingle()
    {
        int start = _position;
        byte code = PeekCode("a float");
        if (code == MessagePackCode.Float32)
        {
            float value = BinaryPrimitives.ReadSingleBigEndian(Body(start, 4, code));
            _position = start + 5;
            return value;
        }
        return (float)ReadDoubleSlow(start, code);
    }

    /// <summary>A float64, a float32 (exactly widened) or an integer (rounded to the nearest double beyond 2^53).</summary>
    public double ReadDouble()
    {
        int start = _position;
        byte code = PeekCode("a float");
        if (code == MessagePackCode.Float64)
        {
            double value = BinaryPrimitives.ReadDoubleBigEndian(Body(start, 8, code));
            _position = start + 9;
            return value;
        }
        return ReadDoubleSlow(start, code);
    }

    /// <summary>A string's UTF-8 bytes as they are on the wire: no copy, no validation.</summary>
    public ReadOnlySpan<byte> ReadStringUtf8()
    {
        int start = _position;
        var (headerLength, length) = ReadStringHeaderAt(start, PeekCode("a str"));
        ReadOnlySpan<byte> utf8 = _buffer.Slice(start + headerLength, length);
        _position = start + headerLength + length;
        return utf8;
    }

    /// <summary>A string as .NET text (allocates). Invalid UTF-8 is refused, never replaced.</summary>
    public string ReadString()
    {
        int start = _position;
        var (headerLength, length) = ReadStringHeaderAt(start, PeekCode("a str"));
        ReadOnlySpan<byte> utf8 = _buffer.Slice(start + headerLength, length);
        if (!Utf8.IsValid(utf8))
        {
            throw MessagePackErrors.Malformed(start, "a str of valid UTF-8", $"{length} bytes that are not valid UTF-8");
        }
        _position = start + headerLength + length;
        return Encoding.UTF8.GetString(utf8);
    }

    /// <summary>
    /// Consumes the next value and returns true when it is a string whose UTF-8 bytes equal <paramref name="expectedUtf8"/>
    /// (a map key, say <c>"seq"u8</c>); otherwise returns false and consumes nothing. Allocates nothing.
    /// </summary>
    public bool TryReadStringEquals(ReadOnlySpan<byte> expectedUtf8)
    {
        int start = _position;
        byte code = PeekCode("a value");
        if (MessagePackCode.TypeOf(code) != MessagePackType.String)
        {
            return false;
        }
        var (headerLength, length) = ReadStringHeaderAt(start, code);
        if (!_buffer.Slice(start + headerLength, length).SequenceEqual(expectedUtf8))
        {
            return false;
        }
        _position = start + headerLength + length;
        return true;
    }

    /// <summary>A bin8/16/32 value's bytes, no copy.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        int start = _position;
        byte code = PeekCode("a bin");
        int headerLength = code switch
        {
            MessagePackCode.Bin8 => 2,
            MessagePackCode.Bin16 => 3,
            MessagePackCode.Bin32 => 5,
            _ => throw MessagePackErrors.WrongType(start, "a bin", code),
        };
        int length = ReadLength(start, headerLength - 1, code);
        ReadOnlySpan<byte> bytes = Data(start, headerLength, length, code);
        _position = start + headerLength + length;
        return bytes;
    }

    /// <summary>The element count of a fixarray, array16 or array32; the elements follow.</summary>
    public int ReadArrayHeader()
    {
        int start = _position;
        byte code = PeekCode("an array");
        int headerLength;
        int count;
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
        {
            headerLength = 1;
            count = code & 0x0f;
        }
        else
        {
            headerLength = code switch
            {
                MessagePackCode.Array16 => 3,
                MessagePackCode.Array32 => 5,
                _ => throw MessagePackErrors.WrongType(start, "an array", code),
            };
            count = ReadLength(start, headerLength - 1, code);
        }
        // Every element takes at least one byte: a count beyond that is a truncated (or hostile) buffer, refused
        // here before a caller sizes anything by it.
        if (count > _buffer.Length - start - headerLength)
        {
            throw MessagePackErrors.Truncated(start, $"an array of {count} elements", _buffer.Length - start - headerLength);
        }
        _position = start + headerLength;
        return count;
    }

    /// <summary>The pair count of a fixmap, map16 or map32; key and value follow for each pair.</summary>
    public int ReadMapHeader()
    {
        int start = _position;
        byte code = PeekCode("a map");
        int headerLength;
        int count;
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
        {
            headerLength = 1;
            count = code & 0x0f;
        }
        else
        {
            headerLength = code switch
            {
                MessagePackCode.Map16 => 3,
                MessagePackCode.Map32 => 5,
                _ => throw MessagePackErrors.WrongType(start, "a map", code),
            };
            count = ReadLength(start, headerLength - 1, code);
        }
        if ((long)count * 2 > _buffer.Length - start - headerLength)
        {
            throw MessagePackErrors.Truncated(start, $"a map of {count} pairs", _buffer.Length - start - headerLength);
        }
        _position = start + headerLength;
        return count;
    }

    /// <summary>An ext or fixext header; its <see cref="ExtensionHeader.Length"/> bytes follow (read them with <see cref="ReadRaw"/>).</summary>
    public ExtensionHeader ReadExtensionHeader()
    {
        int start = _position;
        var (headerLength, header) = ReadExtensionHeaderAt(start);
        _position = start + headerLength;
        return header;
    }

    /// <summary>An extension's data, no copy; its type code in <paramref name="type"/>.</summary>
    public ReadOnlySpan<byte> ReadExtension(out sbyte type)
    {
        int start = _position;
        var (headerLength, header) = ReadExtensionHeaderAt(start);
        type = header.Type;
        _position = start + headerLength + header.Length;
        return _buffer.Slice(start + headerLength, header.Length);
    }

    /// <summary>The timestamp extension (type -1) in any of its layouts: 32, 64 or 96 bit.</summary>
    public MessagePackTimestamp ReadTimestamp()
    {
        int start = _position;
        var (headerLength, header) = ReadExtensionHeaderAt(start);
        if (header.Type != MessagePackExtension.TimestampType)
        {
            throw MessagePackErrors.Malformed(start, "a timestamp (ext type -1)", $"ext type {header.Type}");
        }
        ReadOnlySpan<byte> data = _buffer.Slice(start + headerLength, header.Length);
        long seconds;
        uint nanoseconds;
        switch (data.Length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                nanoseconds = 0;
                break;
            case 8:
                ulong packed = BinaryPrimitives.ReadUInt64BigEndian(data);
                nanoseconds = (uint)(packed >> 34);
                seconds = (long)(packed & 0x3_ffff_ffffUL);
                break;
            case 12:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                seconds = BinaryPrimitives.ReadInt64BigEndian(data[4..]);
                break;
            default:
                throw MessagePackErrors.Malformed(start, "a timestamp of 4, 8 or 12 bytes", $"{data.Length} bytes");
        }
        if (nanoseconds >= MessagePackTimestamp.NanosecondsPerSecond)
        {
            throw MessagePackErrors.Malformed(start, "timestamp nanoseconds below 1,000,000,000", nanoseconds.ToString(CultureInfo.InvariantCulture));
        }
        _position = start + headerLength + header.Length;
        return new MessagePackTimestamp(seconds, nanoseconds);
    }

    /// <summary>The next <paramref name="length"/> bytes as they are (an extension's body after its header).</summary>
    public ReadOnlySpan<byte> ReadRaw(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > Remaining)
        {
            throw MessagePackErrors.Truncated(_position, $"{length} raw bytes", Remaining);
        }
        ReadOnlySpan<byte> bytes = _buffer.Slice(_position, length);
        _position += length;
        return bytes;
    }

    /// <summary>Skips one whole value, nested arrays and maps included (without recursion, so depth cannot overflow the stack).</summary>
    public void Skip()
    {
        int start = _position;
        long pending = 1;
        try
        {
            while (pending > 0)
            {
                pending--;
                pending += SkipOne();
            }
        }
        catch (MessagePackFormatException)
        {
            _position = start;
            throw;
        }
    }

    /// <summary>Skips one whole value and returns its encoded bytes.</summary>
    public ReadOnlySpan<byte> ReadRawValue()
    {
        int start = _position;
        Skip();
        return _buffer[start.._position];
    }

    /// <summary>Skips the next value's own bytes; returns how many nested values follow it.</summary>
    private long SkipOne()
    {
        byte code = PeekCode("a value");
        switch (MessagePackCode.TypeOf(code))
        {
            case MessagePackType.Nil:
            case MessagePackType.Boolean:
                _position++;
                return 0;
            case MessagePackType.Integer:
                ReadInt128Raw(_position, code, out int integerLength);
                _position += integerLength;
                return 0;
            case MessagePackType.Float:
                _ = ReadDouble();
                return 0;
            case MessagePackType.String:
                _ = ReadStringUtf8();
                return 0;
            case MessagePackType.Binary:
                _ = ReadBinary();
                return 0;
            case MessagePackType.Array:
                return ReadArrayHeader();
            case MessagePackType.Map:
                return 2L * ReadMapHeader();
            case MessagePackType.Extension:
                _ = ReadExtension(out _);
                return 0;
            default:
                throw MessagePackErrors.WrongType(_position, "a value", code);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly byte PeekCode(string expected)
    {
        if (_position >= _buffer.Length)
        {
            throw MessagePackErrors.Truncated(_position, expected, 0);
        }
        return _buffer[_position];
    }

    /// <summary>The <paramref name="length"/> bytes after the format byte at <paramref name="start"/>, or a truncation error.</summary>
    /// <param name="part">What the bytes are, after the format's name ("" for its value, " length", " header"); a constant, so nothing is allocated unless it throws.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ReadOnlySpan<byte> Body(int start, int length, byte code, string part = "")
    {
        int available = _buffer.Length - start - 1;
        if (length > available)
        {
            throw MessagePackErrors.Truncated(start + 1, $"{length} bytes of {MessagePackCode.Name(code)}{part}", available);
        }
        return _buffer.Slice(start + 1, length);
    }

    /// <summary>The <paramref name="length"/> data bytes after a header, or a truncation error.</summary>
    private readonly ReadOnlySpan<byte> Data(int start, int headerLength, int length, byte code)
    {
        int available = _buffer.Length - start - headerLength;
        if (length > available)
        {
            throw MessagePackErrors.Truncated(start + headerLength, $"{length} bytes of {MessagePackCode.Name(code)} data", available);
        }
        return _buffer.Slice(start + headerLength, length);
    }

    /// <summary>A big-endian length of 1, 2 or 4 bytes after the format byte; lengths beyond int are refused (no span is that long).</summary>
    private readonly int ReadLength(int start, int lengthBytes, byte code)
    {
        ReadOnlySpan<byte> field = Body(start, lengthBytes, code, " length");
        uint length = lengthBytes switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(field),
            _ => BinaryPrimitives.ReadUInt32BigEndian(field),
        };
        if (length > int.MaxValue)
        {
            throw MessagePackErrors.Malformed(start, $"a {MessagePackCode.Name(code)} length below 2^31", length.ToString(CultureInfo.InvariantCulture));
        }
        return (int)length;
    }

    private readonly (int HeaderLength, int Length) ReadStringHeaderAt(int start, byte code)
    {
        int headerLength;
        int length;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            headerLength = 1;
            length = code & 0x1f;
        }
        else
        {
            headerLength = code switch
            {
                MessagePackCode.Str8 => 2,
                MessagePackCode.Str16 => 3,
                MessagePackCode.Str32 => 5,
                _ => throw MessagePackErrors.WrongType(start, "a str", code),
            };
            length = ReadLength(start, headerLength - 1, code);
        }
        _ = Data(start, headerLength, length, code);
        return (headerLength, length);
    }

    /// <summary>Parses an ext/fixext header at <paramref name="start"/> and checks its data is all there.</summary>
    private readonly (int HeaderLength, ExtensionHeader Header) ReadExtensionHeaderAt(int start)
    {
        byte code = PeekCode("an ext");
        int headerLength;
        int length;
        switch (code)
        {
            case MessagePackCode.FixExt1: headerLength = 2; length = 1; break;
            case MessagePackCode.FixExt2: headerLength = 2; length = 2; break;
            case MessagePackCode.FixExt4: headerLength = 2; length = 4; break;
            case MessagePackCode.FixExt8: headerLength = 2; length = 8; break;
            case MessagePackCode.FixExt16: headerLength = 2; length = 16; break;
            case MessagePackCode.Ext8: headerLength = 3; length = ReadLength(start, 1, code); break;
            case MessagePackCode.Ext16: headerLength = 4; length = ReadLength(start, 2, code); break;
            case MessagePackCode.Ext32: headerLength = 6; length = ReadLength(start, 4, code); break;
            default: throw MessagePackErrors.WrongType(start, "an ext", code);
        }
        // The type byte is the header's last byte.
        sbyte type = (sbyte)Body(start, headerLength - 1, code, " header")[headerLength - 2];
        _ = Data(start, headerLength, length, code);
        return (headerLength, new ExtensionHeader(type, length));
    }

    private long ReadSigned(long min, long max, string typeName)
    {
        int start = _position;
        byte code = PeekCode("an integer");
        // The common case, a fixint, needs no range arithmetic beyond the caller's bounds.
        if (code <= MessagePackCode.MaxPositiveFixInt || code >= MessagePackCode.MinNegativeFixInt)
        {
            long small = (sbyte)code; // positive fixints are below 0x80, so both kinds are the byte read as sbyte
            if (small < min || small > max)
            {
                throw MessagePackErrors.OutOfRange(start, typeName, code, small.ToString(CultureInfo.InvariantCulture));
            }
            _position = start + 1;
            return small;
        }
        Int128 value = ReadInt128Raw(start, code, out int length);
        if (value < min || value > max)
        {
            throw MessagePackErrors.OutOfRange(start, typeName, code, value.ToString(CultureInfo.InvariantCulture));
        }
        _position = start + length;
        return (long)value;
    }

    private ulong ReadUnsigned(ulong max, string typeName)
    {
        int start = _position;
        byte code = PeekCode("an integer");
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            if (code > max)
            {
                throw MessagePackErrors.OutOfRange(start, typeName, code, code.ToString(CultureInfo.InvariantCulture));
            }
            _position = start + 1;
            return code;
        }
        Int128 value = ReadInt128Raw(start, code, out int length);
        if (value < 0 || value > max)
        {
            throw MessagePackErrors.OutOfRange(start, typeName, code, value.ToString(CultureInfo.InvariantCulture));
        }
        _position = start + length;
        return (ulong)value;
    }

    /// <summary>Any integer format as an Int128 (which holds int64 and uint64 alike); <paramref name="length"/> is its encoded size.</summary>
    private readonly Int128 ReadInt128Raw(int start, byte code, out int length)
    {
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            length = 1;
            return code;
        }
        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            length = 1;
            return (sbyte)code;
        }
        switch (code)
        {
            case MessagePackCode.UInt8: length = 2; return Body(start, 1, code)[0];
            case MessagePackCode.UInt16: length = 3; return BinaryPrimitives.ReadUInt16BigEndian(Body(start, 2, code));
            case MessagePackCode.UInt32: length = 5; return BinaryPrimitives.ReadUInt32BigEndian(Body(start, 4, code));
            case MessagePackCode.UInt64: length = 9; return BinaryPrimitives.ReadUInt64BigEndian(Body(start, 8, code));
            case MessagePackCode.Int8: length = 2; return (sbyte)Body(start, 1, code)[0];
            case MessagePackCode.Int16: length = 3; return BinaryPrimitives.ReadInt16BigEndian(Body(start, 2, code));
            case MessagePackCode.Int32: length = 5; return BinaryPrimitives.ReadInt32BigEndian(Body(start, 4, code));
            case MessagePackCode.Int64: length = 9; return BinaryPrimitives.ReadInt64BigEndian(Body(start, 8, code));
            default: throw MessagePackErrors.WrongType(start, "an integer", code);
        }
    }

    private double ReadDoubleSlow(int start, byte code)
    {
        switch (code)
        {
            case MessagePackCode.Float32:
                double widened = BinaryPrimitives.ReadSingleBigEndian(Body(start, 4, code));
                _position = start + 5;
                return widened;
            case MessagePackCode.Float64:
                double value = BinaryPrimitives.ReadDoubleBigEndian(Body(start, 8, code));
                _position = start + 9;
                return value;
            default:
                if (MessagePackCode.TypeOf(code) != MessagePackType.Integer)
                {
                    throw MessagePackErrors.WrongType(start, "a float or an integer", code);
                }
                Int128 integer = ReadInt128Raw(start, code, out int length);
                _position = start + length;
                return (double)integer;
        }
    }
}
