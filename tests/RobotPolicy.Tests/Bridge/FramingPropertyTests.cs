using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using RobotPolicy.Bridge.Framing;

namespace RobotPolicy.Tests.Bridge;

/// <summary>
/// Properties of the stream framing (FsCheck, fixed seed so a failure replays): random payloads, cut into random
/// chunks, with and without 1% of bytes corrupted. Every intact frame arrives unchanged and in order, every
/// zero-delimited segment that is not one is counted as dropped, and nothing throws.
/// </summary>
public class FramingPropertyTests
{
    private const int MaxPayload = 300;

    private static readonly Config Replayable = Config.QuickThrowOnFailure
        .WithMaxTest(300)
        .WithQuietOnSuccess(true)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20260101UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    /// <summary>Payloads of 0 to 300 bytes, one byte in five a zero (the bytes COBS has to stuff).</summary>
    private static readonly Arbitrary<byte[][]> Payloads = Arb.From(
        Gen.Choose(1, 25).SelectMany(count => Gen.ArrayOf(
            Gen.Choose(0, MaxPayload).SelectMany(length => Gen.ArrayOf(
                Gen.Frequency((1, Gen.Constant((byte)0)), (4, Gen.Choose(0, 255).Select(b => (byte)b))), length)),
            count)));

    private static readonly Arbitrary<int> Seeds = Arb.From(Gen.Choose(0, int.MaxValue));

    [Fact]
    public void Clean_streams_in_random_chunks_deliver_every_payload_in_order()
    {
        Prop.ForAll(Payloads, Seeds, (payloads, seed) =>
        {
            var frames = payloads.Select(Frame).ToArray();
            var decoder = new FrameDecoder(MaxPayload);
            List<byte[]> delivered = Feed(decoder, frames.SelectMany(f => f).ToArray(), new Random(seed));
            Assert.Equal(payloads.Select(p => Hex.Of(p)), delivered.Select(p => Hex.Of(p)));
            Assert.Equal(0, decoder.DroppedFrames);
        }).Check(Replayable);
    }

    [Fact]
    public void Corrupted_streams_deliver_exactly_the_intact_frames_and_count_everything_else()
    {
        Prop.ForAll(Payloads, Seeds, (payloads, seed) =>
        {
            var rng = new Random(seed);
            var frames = payloads.Select(Frame).ToArray();
            byte[] stream = frames.SelectMany(f => f).ToArray();
            bool[] changed = new bool[stream.Length];
            for (int i = 0; i < stream.Length; i++)
            {
                if (rng.NextDouble() < 0.01)
                {
                    stream[i] ^= (byte)rng.Next(1, 256);
                    changed[i] = true;
                }
            }

            // A frame arrives when none of its bytes changed and the delimiter before it (if any) is still there.
            var expected = new List<string>();
            int start = 0;
            for (int f = 0; f < frames.Length; f++)
            {
                int end = start + frames[f].Length;
                bool intact = !changed.AsSpan(start, frames[f].Length).Contains(true) && (start == 0 || !changed[start - 1]);
                if (intact)
                {
                    expected.Add(Hex.Of(payloads[f]));
                }
                start = end;
            }

            var decoder = new FrameDecoder(MaxPayload);
            // A final zero ends whatever a corrupted last delimiter left open, as a sender's next frame would.
            List<byte[]> delivered = Feed(decoder, [.. stream, 0], rng);
            Assert.Equal(expected, delivered.Select(p => Hex.Of(p)));
            int segments = FrameCodecTests.SplitOnZero([.. stream, 0]).Count(s => s.Length > 0);
            Assert.Equal(segments - delivered.Count, decoder.DroppedFrames);
            Assert.Equal(expected.Count, decoder.FramesDecoded);
        }).Check(Replayable);
    }

    private static byte[] Frame(byte[] payload)
    {
        var buffer = new byte[FrameEncoder.MaxFrameLength(payload.Length)];
        return buffer[..FrameEncoder.Encode(payload, buffer)];
    }

    /// <summary>Feeds the stream in chunks of 1 to 100 bytes (and now and then all that is left).</summary>
    private static List<byte[]> Feed(FrameDecoder decoder, byte[] stream, Random rng)
    {
        var delivered = new List<byte[]>();
        int offset = 0;
        while (offset < stream.Length)
        {
            int length = rng.Next(20) == 0 ? stream.Length - offset : Math.Min(rng.Next(1, 101), stream.Length - offset);
            ReadOnlySpan<byte> chunk = stream.AsSpan(offset, length);
            while (decoder.TryDecode(ref chunk, out ReadOnlySpan<byte> payload))
            {
                delivered.Add(payload.ToArray());
            }
            offset += length;
        }
        return delivered;
    }
}
