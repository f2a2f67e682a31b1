using System.Buffers.Binary;
using RobotPolicy.Bridge.MessagePack;

namespace RobotPolicy.Tests.Bridge;

/// <summary>The reader: every width of a kind into every .NET type it fits, and a clear error for everything else.</summary>
public class MessagePackReaderTests
{
    private delegate T Read<T>(ref MessagePackReader reader);

    private static T ReadOne<T>(byte[] bytes, Read<T> read)
    {
        var reader = new MessagePackReader(bytes);
        T value = read(ref reader);
        Assert.True(reader.End, $"{Hex.Of(bytes)}: {reader.Remaining} bytes left after the value");
        return value;
    }

    private static MessagePackFormatException Fails<T>(byte[] bytes, Read<T> read) =>
        Assert.Throws<MessagePackFormatException>(() =>
        {
            var reader = new MessagePackReader(bytes);
            read(ref reader);
        });

    /// <summary>Every spec encoding that can hold <paramref name="value"/>, built by hand (not by the writer under test).</summary>
    private static IEnumerable<byte[]> AllEncodings(Int128 value)
    {
        if (value >= 0 && value <= 127) yield return [(byte)value];
        if (value >= -32 && value < 0) yield return [(byte)(sbyte)value];
        if (value >= 0 && value <= byte.MaxValue) yield return [0xcc, (byte)value];
        if (value >= 0 && value <= ushort.MaxValue) yield return With(0xcd, 2, b => BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value));
        if (value >= 0 && value <= uint.MaxValue) yield return With(0xce, 4, b => BinaryPrimitives.WriteUInt32BigEndian(b, (uint)value));
        if (value >= 0 && value <= ulong.MaxValue) yield return With(0xcf, 8, b => BinaryPrimitives.WriteUInt64BigEndian(b, (ulong)value));
        if (value >= sbyte.MinValue && value <= sbyte.MaxValue) yield return [0xd0, (byte)(sbyte)value];
        if (value >= short.MinValue && value <= short.MaxValue) yield return With(0xd1, 2, b => BinaryPrimitives.WriteInt16BigEndian(b, (short)value));
        if (value >= int.MinValue && value <= int.MaxValue) yield return With(0xd2, 4, b => BinaryPrimitives.WriteInt32BigEndian(b, (int)value));
        if (value >= long.MinValue && value <= long.MaxValue) yield return With(0xd3, 8, b => BinaryPrimitives.WriteInt64BigEndian(b, (long)value));

        static byte[] With(byte code, int length, Action<byte[]> body)
        {
            var data = new byte[length];
            body(data);
            return [code, .. data];
        }
    }

    private static readonly Int128[] Boundaries =
    [
        0, 1, 127, 128, 255, 256, 32767, 32768, 65535, 65536, int.MaxValue, (Int128)int.MaxValue + 1, uint.MaxValue,
        (Int128)uint.MaxValue + 1, long.MaxValue, (Int128)long.MaxValue + 1, ulong.MaxValue,
        -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, (Int128)int.MinValue - 1, long.MinValue,
    ];

    [Fact]
    public void Every_integer_width_reads_into_every_type_it_fits_and_nothing_else()
    {
        var targets = new (string Name, Int128 Min, Int128 Max, Read<Int128> Read)[]
        {
            ("SByte", sbyte.MinValue, sbyte.MaxValue, (ref MessagePackReader r) => r.ReadSByte()),
            ("Int16", short.MinValue, short.MaxValue, (ref MessagePackReader r) => r.ReadInt16()),
            ("Int32", int.MinValue, int.MaxValue, (ref MessagePackReader r) => r.ReadInt32()),
            ("Int64", long.MinValue, long.MaxValue, (ref MessagePackReader r) => r.ReadInt64()),
            ("Byte", 0, byte.MaxValue, (ref MessagePackReader r) => r.ReadByte()),
            ("UInt16", 0, ushort.MaxValue, (ref MessagePackReader r) => r.ReadUInt16()),
            ("UInt32", 0, uint.MaxValue, (ref MessagePackReader r) => r.ReadUInt32()),
            ("UInt64", 0, ulong.MaxValue, (ref MessagePackReader r) => r.ReadUInt64()),
            ("any integer", long.MinValue, ulong.MaxValue, (ref MessagePackReader r) => r.ReadInteger()),
        };
        int checkedReads = 0;
        foreach (Int128 value in Boundaries)
        {
            foreach (byte[] encoding in AllEncodings(value))
            {
                foreach (var (name, min, max, read) in targets)
                {
                    if (value >= min && value <= max)
                    {
                        Assert.Equal(value, ReadOne(encoding, read));
                    }
                    else
                    {
                        var e = Fails(encoding, read);
                        Assert.Equal(0, e.Offset);
                        Assert.Equal($"an integer that fits {name}", e.Expected);
                        Assert.EndsWith(" " + value, e.Found);
                    }
                    checkedReads++;
                }
            }
        }
        Assert.True(checkedReads > 800, $"{checkedReads}");
    }

    [Fact]
    public void Floats_read_at_either_width_and_from_integers()
    {
        byte[] float32 = Hex.Parse("ca3fc00000");
        byte[] float64 = Hex.Parse("cb3ff8000000000000");
        Assert.Equal(1.5f, ReadOne(float32, (ref MessagePackReader r) => r.ReadSingle()));
        Assert.Equal(1.5f, ReadOne(float64, (ref MessagePackReader r) => r.ReadSingle()));
        Assert.Equal(1.5, ReadOne(float32, (ref MessagePackReader r) => r.ReadDouble()));
        Assert.Equal(1.5, ReadOne(float64, (ref MessagePackReader r) => r.ReadDouble()));
        // JavaScript peers send 1.0 as the integer 1.
        Assert.Equal(1f, ReadOne([0x01], (ref MessagePackReader r) => r.ReadSingle()));
        Assert.Equal(-40000.0, ReadOne(Hex.Parse("d2ffff63c0"), (ref MessagePackReader r) => r.ReadDouble()));
        Assert.Equal(1e19, ReadOne(Hex.Parse("cf8ac7230489e80000"), (ref MessagePackReader r) => r.ReadDouble()));

        var e = Fails(Hex.Parse("a161"), (ref MessagePackReader r) => r.ReadDouble());
        Assert.Equal("MessagePack at offset 0: expected a float or an integer, found fixstr (0xa1)", e.Message);
        Assert.True(double.IsNaN(ReadOne(Hex.Parse("cb7ff8000000000000"), (ref MessagePackReader r) => r.ReadDouble())));
    }

    [Fact]
    public void Every_string_width_reads_and_compares_without_allocating()
    {
        foreach (string hex in new[] { "a3616263", "d903616263", "da0003616263", "db00000003616263" })
        {
            byte[] bytes = Hex.Parse(hex);
            Assert.Equal("abc", ReadOne(bytes, (ref MessagePackReader r) => r.ReadString()));
            Assert.Equal("616263", Hex.Of(ReadOne(bytes, (ref MessagePackReader r) => r.ReadStringUtf8().ToArray())));
            Assert.True(ReadOne(bytes, (ref MessagePackReader r) => r.TryReadStringEquals("abc"u8)));
        }
    }

    [Fact]
    public void A_string_that_is_not_the_expected_one_is_left_unread()
    {
        var reader = new MessagePackReader(Hex.Parse("a3616263a178"));
        Assert.False(reader.TryReadStringEquals("abd"u8));
        Assert.False(reader.TryReadStringEquals("ab"u8));
        Assert.Equal(0, reader.Position);
        Assert.True(reader.TryReadStringEquals("abc"u8));
        Assert.True(reader.TryReadStringEquals("x"u8));
        Assert.True(reader.End);

        var number = new MessagePackReader([0x05]);
        Assert.False(number.TryReadStringEquals("abc"u8));
        Assert.Equal(5, number.ReadInt32());
    }

    [Fact]
    public void Invalid_utf8_is_refused_by_ReadString_but_passed_through_raw()
    {
        byte[] bytes = Hex.Parse("a2c328");
        var e = Fails(bytes, (ref MessagePackReader r) => r.ReadString());
        Assert.Equal("MessagePack at offset 0: expected a str of valid UTF-8, found 2 bytes that are not valid UTF-8", e.Message);
        Assert.Equal("c328", Hex.Of(ReadOne(bytes, (ref MessagePackReader r) => r.ReadStringUtf8().ToArray())));
    }

    [Fact]
    public void Binaries_arrays_maps_and_extensions_at_every_width()
    {
        foreach (string hex in new[] { "c4020102", "c500020102", "c6000000020102" })
        {
            Assert.Equal("0102", Hex.Of(ReadOne(Hex.Parse(hex), (ref MessagePackReader r) => r.ReadBinary().ToArray())));
        }
        foreach (string hex in new[] { "920102", "dc00020102", "dd000000020102" })
        {
            Assert.Equal(212, ReadOne(Hex.Parse(hex), (ref MessagePackReader r) => r.ReadArrayHeader() * 100 + r.ReadInt32() * 10 + r.ReadInt32()));
        }
        foreach (string hex in new[] { "81a16101", "de0001a16101", "df00000001a16101" })
        {
            Assert.Equal(1, ReadOne(Hex.Parse(hex), (ref MessagePackReader r) => r.ReadMapHeader() * (r.TryReadStringEquals("a"u8) ? r.ReadInt32() : -1)));
        }
        foreach (var (hex, data) in new[]
        {
            ("d40701", "01"), ("d5070102", "0102"), ("d60701020304", "01020304"), ("d7070102030405060708", "0102030405060708"),
            ("d807000102030405060708090a0b0c0d0e0f", "000102030405060708090a0b0c0d0e0f"),
            ("c70007", ""), ("c7030700ff01", "00ff01"), ("c800030700ff01", "00ff01"), ("c9000000030700ff01", "00ff01"),
        })
        {
            byte[] bytes = Hex.Parse(hex);
            Assert.Equal("7:" + data, ReadOne(bytes, (ref MessagePackReader r) =>
            {
                ReadOnlySpan<byte> payload = r.ReadExtension(out sbyte type);
                return $"{type}:{Hex.Of(payload)}";
            }));
            Assert.Equal(new ExtensionHeader(7, data.Length / 2), new MessagePackReader(bytes).ReadExtensionHeader());
        }
    }

    [Theory]
    [InlineData("d6ff5a4af6a5", 1514862245L, 0u)]
    [InlineData("d7ffa1dcd7c85a4af6a5", 1514862245L, 678901234u)]
    [InlineData("c70cff3b9ac9ffffffffffffffffff", -1L, 999999999u)]
    [InlineData("c70cff00000000fffffff1868b8400", -62167219200L, 0u)]
    public void Timestamps_in_all_three_layouts(string hex, long seconds, uint nanoseconds)
    {
        Assert.Equal(new MessagePackTimestamp(seconds, nanoseconds), ReadOne(Hex.Parse(hex), (ref MessagePackReader r) => r.ReadTimestamp()));
    }

    [Theory]
    [InlineData("d7ffee6b280000000000", "timestamp nanoseconds below 1,000,000,000")]
    [InlineData("c70cff3b9aca00000000000000000000", "timestamp nanoseconds below 1,000,000,000")]
    [InlineData("d5ff0000", "a timestamp of 4, 8 or 12 bytes")]
    [InlineData("d60500000000", "a timestamp (ext type -1)")]
    [InlineData("c0", "an ext")]
    public void Malformed_timestamps_are_refused(string hex, string expected)
    {
        Assert.Equal(expected, Fails(Hex.Parse(hex), (ref MessagePackReader r) => r.ReadTimestamp()).Expected);
    }

    [Fact]
    public void Type_mismatches_name_the_offset_the_expectation_and_what_was_found()
    {
        var e = Assert.Throws<MessagePackFormatException>(() =>
        {
            var reader = new MessagePackReader(Hex.Parse("92 01 a1 61"));
            reader.ReadArrayHeader();
            reader.ReadInt32();
            reader.ReadInt32();
        });
        Assert.Equal("MessagePack at offset 2: expected an integer, found fixstr (0xa1)", e.Message);
        Assert.Equal(2, e.Offset);

        Assert.Equal("a bool", Fails([0xc0], (ref MessagePackReader r) => r.ReadBoolean()).Expected);
        Assert.Equal("nil", Fails([0xc2], (ref MessagePackReader r) => { r.ReadNil(); return 0; }).Expected);
        Assert.Equal("a map", Fails([0x90], (ref MessagePackReader r) => r.ReadMapHeader()).Expected);
        Assert.Equal("an array", Fails([0x80], (ref MessagePackReader r) => r.ReadArrayHeader()).Expected);
        Assert.Equal("a bin", Fails([0xa0], (ref MessagePackReader r) => r.ReadBinary().Length).Expected);
        Assert.Equal("a str", Fails([0xc4, 0], (ref MessagePackReader r) => r.ReadString()).Expected);
        Assert.Equal("0xc1 (never used) (0xc1)", Fails([0xc1], (ref MessagePackReader r) => { r.Skip(); return 0; }).Found);
        Assert.Equal(MessagePackType.Unknown, new MessagePackReader([0xc1]).NextType);
    }

    [Fact]
    public void Truncation_is_a_format_error_that_says_how_much_was_missing()
    {
        var e = Fails(Hex.Parse("cd01"), (ref MessagePackReader r) => r.ReadInt32());
        Assert.Equal("MessagePack at offset 1: expected 2 bytes of uint16, found the end of the buffer (1 byte left)", e.Message);
        e = Fails(Hex.Parse("a5616263"), (ref MessagePackReader r) => r.ReadString());
        Assert.Equal("MessagePack at offset 1: expected 5 bytes of fixstr data, found the end of the buffer (3 bytes left)", e.Message);
        e = Fails([], (ref MessagePackReader r) => r.ReadSingle());
        Assert.Equal("MessagePack at offset 0: expected a float, found the end of the buffer", e.Message);
        // A count that the rest of the buffer cannot possibly hold is refused at the header.
        e = Fails(Hex.Parse("dd0000ffff01"), (ref MessagePackReader r) => r.ReadArrayHeader());
        Assert.Equal("MessagePack at offset 0: expected an array of 65535 elements, found the end of the buffer (1 byte left)", e.Message);
        e = Fails(Hex.Parse("dfffffffff01"), (ref MessagePackReader r) => r.ReadMapHeader());
        Assert.Equal("MessagePack at offset 0: expected a map32 length below 2^31, found 4294967295", e.Message);
    }

    [Fact]
    public void A_failed_read_leaves_the_position_at_the_value()
    {
        var reader = new MessagePackReader(Hex.Parse("01 cd ff ff"));
        Assert.Equal(1, reader.ReadByte());
        int position = -1;
        Assert.Throws<MessagePackFormatException>(() =>
        {
            var r = new MessagePackReader(Hex.Parse("01 cd ff ff"));
            r.ReadByte();
            try
            {
                r.ReadByte();
            }
            finally
            {
                position = r.Position;
            }
        });
        Assert.Equal(1, position);
        Assert.Equal(65535, reader.ReadUInt16());
    }

    [Fact]
    public void Skip_passes_over_nested_values_and_ReadRawValue_returns_their_bytes()
    {
        byte[] bytes = Hex.Parse("93 81 a1 61 92 c3 cb 3ff8000000000000 c4 01 ff d6 ff 00000001 2a");
        var reader = new MessagePackReader(bytes);
        Assert.Equal(bytes.Length - 1, reader.ReadRawValue().Length);
        Assert.Equal(42, reader.ReadInt32());
        Assert.True(reader.End);
    }

    [Fact]
    public void Deep_nesting_is_skipped_without_recursion()
    {
        var bytes = new byte[100_001];
        Array.Fill(bytes, (byte)0x91, 0, 100_000);
        var reader = new MessagePackReader(bytes);
        reader.Skip();
        Assert.True(reader.End);
    }
}
