using RobotPolicy.Bridge.Framing;

namespace RobotPolicy.Tests.Bridge;

public class DatagramCodecTests
{
    [Fact]
    public void A_sealed_datagram_is_the_payload_and_its_little_endian_crc()
    {
        var datagram = new byte[13];
        Assert.Equal(13, DatagramCodec.Seal("123456789"u8, datagram));
        Assert.Equal("313233343536373839839206e3", Hex.Of(datagram));
        Assert.Equal(DatagramStatus.Ok, DatagramCodec.Open(datagram, out ReadOnlySpan<byte> payload));
        Assert.True(payload.SequenceEqual("123456789"u8));
    }

    [Fact]
    public void Sealing_works_in_place()
    {
        byte[] buffer = [1, 2, 3, 0, 0, 0, 0];
        int length = DatagramCodec.Seal(buffer.AsSpan(0, 3), buffer);
        Assert.Equal(DatagramStatus.Ok, DatagramCodec.Open(buffer.AsSpan(0, length), out ReadOnlySpan<byte> payload));
        Assert.Equal([1, 2, 3], payload.ToArray());
    }

    [Fact]
    public void Any_changed_bit_and_short_datagrams_are_refused()
    {
        var datagram = new byte[64 + 4];
        new Random(2).NextBytes(datagram.AsSpan(0, 64));
        DatagramCodec.Seal(datagram.AsSpan(0, 64), datagram);
        for (int bit = 0; bit < datagram.Length * 8; bit++)
        {
            datagram[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Equal(DatagramStatus.BadCrc, DatagramCodec.Open(datagram, out _));
            datagram[bit / 8] ^= (byte)(1 << (bit % 8));
        }
        Assert.Equal(DatagramStatus.TooShort, DatagramCodec.Open([1, 2, 3], out _));
        Assert.Equal(DatagramStatus.Ok, DatagramCodec.Open([0, 0, 0, 0], out ReadOnlySpan<byte> empty));
        Assert.True(empty.IsEmpty);
        Assert.Throws<ArgumentException>(() => DatagramCodec.Seal(new byte[4], new byte[7]));
    }
}
