using RobotPolicy.Bridge.Wire;
using RobotPolicy.Tests.Bridge.Values;

namespace RobotPolicy.Tests.Bridge;

/// <summary>The value tree: round trips, exact sizes, and only <see cref="MessagePackFormatException"/> from bad input.</summary>
public class MessagePackTreeTests
{
    [Fact]
    public void Random_trees_round_trip_bit_for_bit()
    {
        var random = new RandomMessagePack(seed: 11, javaScriptSafe: false);
        for (int i = 0; i < 500; i++)
        {
            MessagePackValue value = random.Value();
            byte[] bytes = MessagePackTree.Encode(value);
            MessagePackValue decoded = MessagePackTree.Decode(bytes);
            Assert.True(value.Equals(decoded), $"message {i}: {value} came back as {decoded}");
            Assert.Equal(Hex.Of(bytes), Hex.Of(MessagePackTree.Encode(decoded)));
        }
    }

    [Fact]
    public void Every_truncation_of_a_message_is_a_format_error()
    {
        var random = new RandomMessagePack(seed: 12, javaScriptSafe: false);
        int prefixes = 0;
        for (int i = 0; i < 60; i++)
        {
            byte[] bytes = MessagePackTree.Encode(random.Value());
            if (bytes.Length > 5000)
            {
                continue;
            }
            for (int length = 0; length < bytes.Length; length++)
            {
                var e = Assert.Throws<MessagePackFormatException>(() => MessagePackTree.Decode(bytes.AsSpan(0, length)));
                Assert.InRange(e.Offset, 0, length);
                prefixes++;
            }
        }
        Assert.True(prefixes > 1000, $"{prefixes}");
    }

    [Fact]
    public void Garbage_and_corrupted_messages_give_format_errors_and_nothing_else()
    {
        var rng = new Random(13);
        var random = new RandomMessagePack(seed: 14, javaScriptSafe: false);
        int refused = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[rng.Next(0, 40)];
                rng.NextBytes(bytes);
            }
            else
            {
                bytes = MessagePackTree.Encode(random.Value(depth: 2));
                for (int flips = rng.Next(1, 4); flips > 0 && bytes.Length > 0; flips--)
                {
                    bytes[rng.Next(bytes.Length)] ^= (byte)rng.Next(1, 256);
                }
            }
            try
            {
                MessagePackTree.Decode(bytes);
            }
            catch (MessagePackFormatException)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{Hex.Of(bytes)}: {e.GetType()}: {e.Message}");
            }
        }
        Assert.InRange(refused, 5000, 20_000);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_not_a_stack_overflow()
    {
        var bytes = new byte[10_001];
        Array.Fill(bytes, (byte)0x91, 0, 10_000);
        var e = Assert.Throws<MessagePackFormatException>(() => MessagePackTree.Decode(bytes));
        Assert.Equal(MessagePackTree.MaxDepth, e.Offset);
        Assert.Contains($"nesting deeper than {MessagePackTree.MaxDepth}", e.Message);
    }

    [Theory]
    [InlineData("ca7f800001")] // float32 signalling NaN
    [InlineData("caff800001")] // negative signalling NaN
    [InlineData("ca7fc00000")] // quiet NaN
    [InlineData("cb7ff0000000000001")] // float64 signalling NaN
    [InlineData("ca80000000")] // -0.0f
    public void Floats_keep_their_exact_bits_through_decode_and_encode(string hex)
    {
        Assert.Equal(hex, Hex.Of(MessagePackTree.Encode(MessagePackTree.Decode(Hex.Parse(hex)))));
    }

    [Fact]
    public void Bytes_after_the_value_are_refused()
    {
        var e = Assert.Throws<MessagePackFormatException>(() => MessagePackTree.Decode([0x01, 0x02]));
        Assert.Equal("MessagePack at offset 1: 1 more bytes after one value", e.Message);
    }

    [Fact]
    public void The_diagnostic_form_reads_like_the_message()
    {
        byte[] bytes = Hex.Parse("84 a3736571 07 a174 d7ff00000c8000000001 a36f6273 92 ca3f000000 cbbff0000000000000 a3626c62 c402 0aff");
        Assert.Equal("{\"seq\": 7, \"t\": timestamp(1.000000800s), \"obs\": [0.5f, -1], \"blb\": b\"0aff\"}",
            MessagePackTree.Decode(bytes).ToString());
    }

    [Fact]
    public void Floats_compare_by_their_bits_and_integers_by_value()
    {
        Assert.Equal(MessagePackValue.FromDouble(double.NaN), MessagePackValue.FromDouble(double.NaN));
        Assert.NotEqual(MessagePackValue.FromDouble(0.0), MessagePackValue.FromDouble(-0.0));
        Assert.NotEqual(MessagePackValue.FromDouble(1.0), MessagePackValue.FromSingle(1f));
        // uint8 1 and int64 1 are the same integer.
        Assert.Equal(MessagePackTree.Decode(Hex.Parse("cc01")), MessagePackTree.Decode(Hex.Parse("d30000000000000001")));
        Assert.Throws<ArgumentOutOfRangeException>(() => MessagePackValue.FromInteger((Int128)ulong.MaxValue + 1));
        Assert.Throws<ArgumentException>(() => MessagePackValue.FromExtension(-1, [0, 0, 0, 0]));
    }
}
