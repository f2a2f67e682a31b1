using System.Text;
using RobotPolicy.Bridge.Framing;

namespace RobotPolicy.Tests.Bridge;

/// <summary>COBS + CRC-32C framing: exact bytes, boundaries, and each kind of bad frame counted where it belongs.</summary>
public class FrameCodecTests
{
    private static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[FrameEncoder.MaxFrameLength(payload.Length)];
        int length = FrameEncoder.Encode(payload, buffer);
        return buffer[..length];
    }

    private static List<byte[]> DecodeAll(FrameDecoder decoder, ReadOnlySpan<byte> stream)
    {
        var payloads = new List<byte[]>();
        while (decoder.TryDecode(ref stream, out ReadOnlySpan<byte> payload))
        {
            payloads.Add(payload.ToArray());
        }
        Assert.True(stream.IsEmpty);
        return payloads;
    }

    [Fact]
    public void A_frame_is_the_cobs_of_payload_and_little_endian_crc_then_a_zero()
    {
        // CRC-32C("123456789") = 0xE3069283: no zero byte anywhere, so one block of 13 bytes (code 0x0e).
        Assert.Equal("0e313233343536373839839206e300", Hex.Of(Frame(Encoding.ASCII.GetBytes("123456789"))));
        // The empty payload's CRC is 0: four zeros become four one-byte blocks and a last empty one.
        Assert.Equal("010101010100", Hex.Of(Frame([])));
    }

    [Fact]
    public void Frames_hold_no_zero_but_their_delimiter_and_round_trip_at_every_length()
    {
        var rng = new Random(3);
        var decoder = new FrameDecoder(maxPayloadLength: 1200);
        for (int length = 0; length <= 1200; length += length < 600 ? 1 : 37)
        {
            foreach (int zeros in new[] { 0, 1, 2 })
            {
                var payload = new byte[length];
                rng.NextBytes(payload);
                for (int i = 0; i < payload.Length; i++)
                {
                    // No zeros, all zeros, or about one in ten.
                    payload[i] = zeros switch { 0 => (byte)(payload[i] | 1), 1 => 0, _ => rng.Next(10) == 0 ? (byte)0 : payload[i] };
                }
                byte[] frame = Frame(payload);
                Assert.InRange(frame.Length, length + 6, FrameEncoder.MaxFrameLength(length));
                Assert.Equal(frame.Length - 1, Array.IndexOf(frame, (byte)0));
                Assert.Equal(Hex.Of(payload), Hex.Of(Assert.Single(DecodeAll(decoder, frame))));
            }
        }
        Assert.Equal(0, decoder.DroppedFrames);
    }

    [Fact]
    public void Several_frames_in_one_read_and_one_frame_over_many_reads()
    {
        byte[][] payloads = [[1, 2, 3], [], [0, 0, 7], Enumerable.Repeat((byte)9, 600).ToArray()];
        byte[] stream = payloads.SelectMany(p => Frame(p)).ToArray();
        var decoder = new FrameDecoder(1000);
        Assert.Equal(payloads.Select(p => Hex.Of(p)), DecodeAll(decoder, stream).Select(p => Hex.Of(p)));

        var received = new List<string>();
        for (int i = 0; i < stream.Length; i++)
        {
            received.AddRange(DecodeAll(decoder, stream.AsSpan(i, 1)).Select(p => Hex.Of(p)));
        }
        Assert.Equal(payloads.Select(p => Hex.Of(p)), received);
        Assert.Equal(8, decoder.FramesDecoded);
        Assert.Equal(0, decoder.DroppedFrames);
    }

    [Fact]
    public void An_oversized_frame_is_counted_and_the_next_one_delivered()
    {
        var decoder = new FrameDecoder(maxPayloadLength: 10);
        byte[] stream = [.. Frame(new byte[11]), .. Frame(new byte[10]), .. Frame(new byte[500])];
        var payloads = DecodeAll(decoder, stream);
        Assert.Equal(10, Assert.Single(payloads).Length);
        Assert.Equal((1, 2, 0, 0, 0), (decoder.FramesDecoded, decoder.OversizedFrames, decoder.TruncatedFrames, decoder.BadCrcFrames, decoder.GarbageFrames));
    }

    [Fact]
    public void A_frame_that_lost_bytes_is_truncated_and_one_with_changed_bytes_has_a_bad_crc()
    {
        byte[] good = Frame(Encoding.ASCII.GetBytes("123456789"));
        byte[] lost = [.. good[..5], .. good[6..]];
        byte[] changed = (byte[])good.Clone();
        changed[3] ^= 0x40;
        var decoder = new FrameDecoder(100);
        Assert.Equal("123456789", Encoding.ASCII.GetString(Assert.Single(DecodeAll(decoder, [.. lost, .. changed, .. good]))));
        Assert.Equal((1, 0, 1, 1, 0), (decoder.FramesDecoded, decoder.OversizedFrames, decoder.TruncatedFrames, decoder.BadCrcFrames, decoder.GarbageFrames));
    }

    [Fact]
    public void Noise_too_short_for_a_crc_is_garbage_and_empty_frames_are_ignored()
    {
        var decoder = new FrameDecoder(100);
        // "AB" decodes to two bytes, too few for a CRC; the zeros around it are empty frames (resynchronisation).
        Assert.Empty(DecodeAll(decoder, Hex.Parse("00 00 03 41 42 00 00")));
        Assert.Equal((0, 0, 0, 1), (decoder.OversizedFrames, decoder.TruncatedFrames, decoder.BadCrcFrames, decoder.GarbageFrames));
    }

    [Fact]
    public void A_receiver_that_joins_mid_frame_is_in_step_at_the_next_zero()
    {
        byte[] first = Frame(Encoding.ASCII.GetBytes("first message"));
        byte[] second = Frame(Encoding.ASCII.GetBytes("second"));
        var decoder = new FrameDecoder(100);
        var payloads = DecodeAll(decoder, [.. first[4..], .. second]);
        Assert.Equal("second", Encoding.ASCII.GetString(Assert.Single(payloads)));
        Assert.Equal(1, decoder.DroppedFrames);
    }

    [Fact]
    public void Reset_forgets_a_partial_frame_without_counting_it()
    {
        byte[] frame = Frame([1, 2, 3]);
        var decoder = new FrameDecoder(100);
        Assert.Empty(DecodeAll(decoder, frame.AsSpan(0, 3)));
        decoder.Reset();
        Assert.Single(DecodeAll(decoder, frame));
        Assert.Equal(0, decoder.DroppedFrames);
    }

    [Fact]
    public void Random_noise_never_throws_and_every_segment_is_accounted_for()
    {
        // Segments of noise between zeros: a few bytes (mostly garbage), frame-sized (mostly truncated, about one in
        // 128 a well-formed COBS chain with a bad CRC) and longer than any frame (oversized).
        var rng = new Random(8);
        var noise = new List<byte>();
        while (noise.Count < 1 << 20)
        {
            int length = rng.Next(3) switch { 0 => rng.Next(0, 4), 1 => rng.Next(4, 300), _ => rng.Next(300, 3000) };
            for (int i = 0; i < length; i++)
            {
                noise.Add((byte)rng.Next(1, 256));
            }
            noise.Add(0);
        }
        byte[] stream = noise.ToArray();
        var decoder = new FrameDecoder(maxPayloadLength: 256);
        int offset = 0;
        while (offset < stream.Length)
        {
            int length = Math.Min(rng.Next(1, 2000), stream.Length - offset);
            DecodeAll(decoder, stream.AsSpan(offset, length));
            offset += length;
        }
        int segments = SplitOnZero(stream).Count(s => s.Length > 0);
        Assert.Equal(segments, decoder.FramesDecoded + decoder.DroppedFrames);
        Assert.True(decoder.OversizedFrames > 0 && decoder.TruncatedFrames > 0 && decoder.GarbageFrames > 0 && decoder.BadCrcFrames > 0,
            $"oversized {decoder.OversizedFrames}, truncated {decoder.TruncatedFrames}, garbage {decoder.GarbageFrames}, bad CRC {decoder.BadCrcFrames}");
    }

    [Fact]
    public void Encoding_into_too_small_a_buffer_says_how_much_is_needed()
    {
        var e = Assert.Throws<ArgumentException>(() => FrameEncoder.Encode(new byte[300], new byte[300]));
        Assert.StartsWith("framing a 300-byte payload needs up to 307 bytes, the destination has 300", e.Message);
    }

    /// <summary>The zero-delimited segments of a stream that ends with a zero.</summary>
    internal static List<byte[]> SplitOnZero(byte[] stream)
    {
        var segments = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < stream.Length; i++)
        {
            if (stream[i] == 0)
            {
                segments.Add(stream[start..i]);
                start = i + 1;
            }
        }
        return segments;
    }
}
