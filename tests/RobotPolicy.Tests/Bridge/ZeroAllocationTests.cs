using RobotPolicy.Bridge.Framing;
using RobotPolicy.Bridge.MessagePack;

namespace RobotPolicy.Tests.Bridge;

/// <summary>
/// The control loop's path allocates nothing: a sensor-sized message (sequence number, timestamp, 64 float32s)
/// encoded, framed, fed to the decoder in two reads, and read back, 10,000 times.
/// </summary>
public class ZeroAllocationTests
{
    private const int Values = 64;

    [Fact]
    public void Encode_frame_decode_and_read_allocate_nothing_per_message()
    {
        var observation = new float[Values];
        var received = new float[Values];
        var payloadBuffer = new byte[1024];
        var frameBuffer = new byte[FrameEncoder.MaxFrameLength(payloadBuffer.Length)];
        var decoder = new FrameDecoder(payloadBuffer.Length);

        for (int i = 0; i < 200; i++)
        {
            Assert.True(RoundTrip((ulong)i, observation, received, payloadBuffer, frameBuffer, decoder));
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        int good = 0;
        for (int i = 0; i < 10_000; i++)
        {
            observation[i % Values] = i * 0.25f;
            good += RoundTrip((ulong)(1000 + i), observation, received, payloadBuffer, frameBuffer, decoder) ? 1 : 0;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(10_000, good);
        Assert.Equal(observation, received);
        Assert.Equal(0, allocated);
        Assert.Equal(0, decoder.DroppedFrames);
    }

    private static bool RoundTrip(ulong sequence, float[] observation, float[] received, byte[] payloadBuffer, byte[] frameBuffer, FrameDecoder decoder)
    {
        var time = new MessagePackTimestamp(1_760_000_000 + (long)sequence, (uint)(sequence * 1000 % 1_000_000_000));

        var writer = new MessagePackWriter(payloadBuffer);
        writer.WriteMapHeader(3);
        writer.WriteStringUtf8("seq"u8);
        writer.WriteUInt64(sequence);
        writer.WriteStringUtf8("t"u8);
        writer.WriteTimestamp(time);
        writer.WriteStringUtf8("obs"u8);
        writer.WriteArrayHeader(Values);
        foreach (float value in observation)
        {
            writer.WriteSingle(value);
        }
        int frameLength = FrameEncoder.Encode(writer.Written, frameBuffer);

        // Two reads, split mid-frame, as a serial port delivers them.
        ReadOnlySpan<byte> first = frameBuffer.AsSpan(0, frameLength / 2);
        ReadOnlySpan<byte> second = frameBuffer.AsSpan(frameLength / 2, frameLength - frameLength / 2);
        if (decoder.TryDecode(ref first, out _) || !decoder.TryDecode(ref second, out ReadOnlySpan<byte> payload))
        {
            return false;
        }

        var reader = new MessagePackReader(payload);
        bool sequenceOk = false;
        bool timeOk = false;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            if (reader.TryReadStringEquals("seq"u8))
            {
                sequenceOk = reader.ReadUInt64() == sequence;
            }
            else if (reader.TryReadStringEquals("t"u8))
            {
                timeOk = reader.ReadTimestamp() == time;
            }
            else if (reader.TryReadStringEquals("obs"u8))
            {
                int length = reader.ReadArrayHeader();
                for (int j = 0; j < length; j++)
                {
                    received[j] = reader.ReadSingle();
                }
            }
            else
            {
                reader.Skip();
                reader.Skip();
            }
        }
        return sequenceOk && timeOk && reader.End;
    }
}
