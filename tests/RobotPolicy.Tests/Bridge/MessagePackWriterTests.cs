using RobotPolicy.Bridge.MessagePack;

namespace RobotPolicy.Tests.Bridge;

/// <summary>The writer's bytes, format by format, against the spec: always the smallest encoding.</summary>
public class MessagePackWriterTests
{
    private delegate void Write(ref MessagePackWriter writer);

    private static string Written(Write write, int capacity = 1 << 18)
    {
        var buffer = new byte[capacity];
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        return Hex.Of(writer.Written);
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(long.MaxValue, "cf7fffffffffffffff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Integers_take_the_smallest_encoding(long value, string expected)
    {
        Assert.Equal(expected, Written((ref MessagePackWriter w) => w.WriteInt64(value)));
        if (value >= 0)
        {
            Assert.Equal(expected, Written((ref MessagePackWriter w) => w.WriteUInt64((ulong)value)));
        }
    }

    [Fact]
    public void The_largest_uint64_is_a_uint64()
    {
        Assert.Equal("cfffffffffffffffff", Written((ref MessagePackWriter w) => w.WriteUInt64(ulong.MaxValue)));
    }

    [Fact]
    public void Nil_bools_and_floats()
    {
        Assert.Equal("c0", Written((ref MessagePackWriter w) => w.WriteNil()));
        Assert.Equal("c3c2", Written((ref MessagePackWriter w) => { w.WriteBoolean(true); w.WriteBoolean(false); }));
        Assert.Equal("ca3fc00000", Written((ref MessagePackWriter w) => w.WriteSingle(1.5f)));
        Assert.Equal("ca3f800000", Written((ref MessagePackWriter w) => w.WriteSingle(1f)));
        Assert.Equal("cbbff8000000000000", Written((ref MessagePackWriter w) => w.WriteDouble(-1.5)));
        Assert.Equal("cb7ff0000000000000", Written((ref MessagePackWriter w) => w.WriteDouble(double.PositiveInfinity)));
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void String_headers_follow_the_byte_length(int length, string header)
    {
        string text = new('x', length);
        string written = Written((ref MessagePackWriter w) => w.WriteString(text));
        Assert.Equal(header, written[..header.Length]);
        Assert.Equal(header.Length / 2 + length, written.Length / 2);
        Assert.Equal(written, Written((ref MessagePackWriter w) => w.WriteStringUtf8(System.Text.Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void Strings_are_utf8_and_counted_in_bytes()
    {
        // "Кириллица" is 9 characters, 18 UTF-8 bytes; the beer mug is 2 UTF-16 units, 4 UTF-8 bytes.
        Assert.Equal("b2d09ad0b8d180d0b8d0bbd0bbd0b8d186d0b0", Written((ref MessagePackWriter w) => w.WriteString("Кириллица")));
        Assert.Equal("a4f09f8dba", Written((ref MessagePackWriter w) => w.WriteString("\U0001F37A")));
    }

    [Fact]
    public void A_lone_surrogate_is_refused_and_nothing_is_written()
    {
        var buffer = new byte[16];
        int position = -1;
        var e = Assert.Throws<ArgumentException>(() =>
        {
            var writer = new MessagePackWriter(buffer);
            writer.WriteNil();
            try
            {
                writer.WriteString("a\ud800b");
            }
            finally
            {
                position = writer.Position;
            }
        });
        Assert.Contains("lone surrogate", e.Message);
        Assert.Equal(1, position);
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65535, "c5ffff")]
    [InlineData(65536, "c600010000")]
    public void Binary_headers_follow_the_length(int length, string header)
    {
        var data = new byte[length];
        string written = Written((ref MessagePackWriter w) => w.WriteBinary(data));
        Assert.Equal(header, written[..header.Length]);
        Assert.Equal(header.Length / 2 + length, written.Length / 2);
    }

    [Theory]
    [InlineData(0, "90", "80")]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc0010", "de0010")]
    [InlineData(65535, "dcffff", "deffff")]
    [InlineData(65536, "dd00010000", "df00010000")]
    public void Array_and_map_headers_follow_the_count(int count, string array, string map)
    {
        Assert.Equal(array, Written((ref MessagePackWriter w) => w.WriteArrayHeader(count)));
        Assert.Equal(map, Written((ref MessagePackWriter w) => w.WriteMapHeader(count)));
    }

    [Theory]
    [InlineData(1, "d405")]
    [InlineData(2, "d505")]
    [InlineData(4, "d605")]
    [InlineData(8, "d705")]
    [InlineData(16, "d805")]
    [InlineData(0, "c70005")]
    [InlineData(3, "c70305")]
    [InlineData(17, "c71105")]
    [InlineData(255, "c7ff05")]
    [InlineData(256, "c8010005")]
    [InlineData(65535, "c8ffff05")]
    [InlineData(65536, "c90001000005")]
    public void Extensions_use_fixext_when_the_length_allows(int length, string header)
    {
        var data = new byte[length];
        string written = Written((ref MessagePackWriter w) => w.WriteExtension(5, data));
        Assert.Equal(header, written[..header.Length]);
        Assert.Equal(header.Length / 2 + length, written.Length / 2);
        Assert.Equal(header, Written((ref MessagePackWriter w) => w.WriteExtensionHeader(5, length)));
    }

    [Theory]
    [InlineData(0L, 0u, "d6ff00000000")]
    [InlineData(4294967295L, 0u, "d6ffffffffff")]
    [InlineData(1L, 1u, "d7ff0000000400000001")]
    [InlineData(4294967296L, 0u, "d7ff0000000100000000")]
    [InlineData(17179869183L, 999999999u, "d7ffee6b27ffffffffff")]
    [InlineData(17179869184L, 0u, "c70cff000000000000000400000000")]
    [InlineData(-1L, 999999999u, "c70cff3b9ac9ffffffffffffffffff")]
    public void Timestamps_take_the_smallest_of_their_three_layouts(long seconds, uint nanoseconds, string expected)
    {
        Assert.Equal(expected, Written((ref MessagePackWriter w) => w.WriteTimestamp(new MessagePackTimestamp(seconds, nanoseconds))));
    }

    [Fact]
    public void Overflow_says_what_did_not_fit_and_keeps_what_was_written()
    {
        var buffer = new byte[6];
        int position = -1;
        var e = Assert.Throws<MessagePackBufferTooSmallException>(() =>
        {
            var writer = new MessagePackWriter(buffer);
            writer.WriteNil();
            try
            {
                writer.WriteDouble(1.0);
            }
            finally
            {
                position = writer.Position;
            }
        });
        Assert.Equal("MessagePack writer: float64 needs 9 bytes at offset 1, but the buffer holds 6 bytes (5 left)", e.Message);
        Assert.Equal((9, 1, 6), (e.Needed, e.Offset, e.Capacity));
        Assert.Equal(1, position);
        Assert.Equal(new byte[] { 0xc0, 0, 0, 0, 0, 0 }, buffer);
    }

    [Fact]
    public void Every_writer_method_checks_the_space_it_needs()
    {
        // An empty buffer: each write must throw the writer's own exception, never an IndexOutOfRange.
        var writes = new Write[]
        {
            (ref MessagePackWriter w) => w.WriteNil(),
            (ref MessagePackWriter w) => w.WriteBoolean(true),
            (ref MessagePackWriter w) => w.WriteInt64(-1),
            (ref MessagePackWriter w) => w.WriteInt64(long.MinValue),
            (ref MessagePackWriter w) => w.WriteUInt64(ulong.MaxValue),
            (ref MessagePackWriter w) => w.WriteSingle(1),
            (ref MessagePackWriter w) => w.WriteDouble(1),
            (ref MessagePackWriter w) => w.WriteString("abc"),
            (ref MessagePackWriter w) => w.WriteStringUtf8("abc"u8),
            (ref MessagePackWriter w) => w.WriteStringHeader(300),
            (ref MessagePackWriter w) => w.WriteBinary([1, 2]),
            (ref MessagePackWriter w) => w.WriteBinaryHeader(3),
            (ref MessagePackWriter w) => w.WriteArrayHeader(20),
            (ref MessagePackWriter w) => w.WriteMapHeader(1),
            (ref MessagePackWriter w) => w.WriteExtension(1, [1]),
            (ref MessagePackWriter w) => w.WriteExtensionHeader(1, 300),
            (ref MessagePackWriter w) => w.WriteTimestamp(new MessagePackTimestamp(-5, 0)),
            (ref MessagePackWriter w) => w.WriteRaw([1]),
        };
        foreach (Write write in writes)
        {
            Assert.Throws<MessagePackBufferTooSmallException>(() => Written(write, capacity: 0));
        }
    }
}
