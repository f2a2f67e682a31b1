using System.Text;
using RobotPolicy.Bridge.Framing;

namespace RobotPolicy.Tests.Bridge;

public class Crc32CTests
{
    [Fact]
    public void The_standard_check_value()
    {
        byte[] check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xE3069283u, Crc32C.Compute(check));
        Assert.Equal(0xE3069283u, Crc32C.AppendWithTable(0, check));
    }

    [Theory]
    // RFC 3720 (iSCSI), appendix B.4: 32 bytes of zeros, of ones, incrementing, decrementing.
    [InlineData(0x8A9136AAu, 0)]
    [InlineData(0x62A8AB43u, 1)]
    [InlineData(0x46DD794Eu, 2)]
    [InlineData(0x113FDB5Cu, 3)]
    public void The_iscsi_test_vectors(uint expected, int pattern)
    {
        byte[] data = Enumerable.Range(0, 32).Select(i => (byte)(pattern switch { 0 => 0, 1 => 0xFF, 2 => i, _ => 31 - i })).ToArray();
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, Crc32C.AppendWithTable(0, data));
    }

    [Fact]
    public void The_instruction_and_the_table_agree_at_every_length_and_alignment()
    {
        var rng = new Random(5);
        var data = new byte[300];
        rng.NextBytes(data);
        for (int start = 0; start < 9; start++)
        {
            for (int length = 0; length + start <= data.Length; length += 1 + length / 16)
            {
                ReadOnlySpan<byte> slice = data.AsSpan(start, length);
                Assert.Equal(Crc32C.AppendWithTable(0, slice), Crc32C.Compute(slice));
            }
        }
    }

    [Fact]
    public void Appending_continues_a_crc()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        for (int split = 0; split <= data.Length; split++)
        {
            Assert.Equal(0xE3069283u, Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
        Assert.Equal(0u, Crc32C.Compute([]));
    }
}
