using BenchmarkDotNet.Attributes;
using RobotPolicy.Bridge.Framing;
using RobotPolicy.Bridge.Messages;

namespace RobotPolicy.Bridge.Benchmarks;

/// <summary>
/// The bridge codec's per-message cost, as a control loop pays it: writing a message into a reused buffer and
/// reading it back into a reused float buffer, bare and inside the stream (COBS + CRC-32C) and datagram (CRC-32C)
/// framing. Every method returns something read back, so nothing can be optimized away; the decoded buffers are
/// exposed so a test can check a benchmark decodes what was encoded.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly float[] _sensorValues = CodecSamples.SensorValues();
    private readonly float[] _actionTargets = CodecSamples.ActionTargets();
    private readonly byte[] _sensorMessage = CodecSamples.SensorMessage();

    private readonly byte[] _message = new byte[SensorFrame.MaxLength(CodecSamples.SensorValueCount)];
    private readonly byte[] _actionBuffer = new byte[ActionFrame.MaxLength(CodecSamples.ActionTargetCount)];
    private readonly byte[] _streamFrame = new byte[FrameEncoder.MaxFrameLength(SensorFrame.MaxLength(CodecSamples.SensorValueCount))];
    private readonly byte[] _datagram = new byte[SensorFrame.MaxLength(CodecSamples.SensorValueCount) + DatagramCodec.TrailerLength];
    private readonly FrameDecoder _frameDecoder = new(SensorFrame.MaxLength(CodecSamples.SensorValueCount));

    private readonly float[] _decodedValues = new float[CodecSamples.SensorValueCount];
    private readonly float[] _decodedTargets = new float[CodecSamples.ActionTargetCount];

    /// <summary>What the last sensor benchmark read back (values).</summary>
    public ReadOnlySpan<float> DecodedSensorValues => _decodedValues;

    /// <summary>What the last action benchmark read back (targets).</summary>
    public ReadOnlySpan<float> DecodedActionTargets => _decodedTargets;

    /// <summary>The message the last encoding benchmark wrote (the bare sensor frame).</summary>
    public ReadOnlySpan<byte> EncodedSensorMessage => _message;

    /// <summary>Zeroes the buffers benchmarks decode into and write to, so a test sees what the next call fills in.</summary>
    internal void ClearBuffers()
    {
        Array.Clear(_decodedValues);
        Array.Clear(_decodedTargets);
        Array.Clear(_message);
    }

    /// <summary>Write the 64-float sensor frame, then read it back into a float buffer.</summary>
    [Benchmark]
    public ulong SensorFrame64_EncodeDecode()
    {
        int length = new SensorFrame(CodecSamples.SensorSequence, CodecSamples.SensorTimeNanoseconds, _sensorValues).Write(_message);
        return SensorFrame.Read(_message.AsSpan(0, length), _decodedValues).Sequence;
    }

    /// <summary>Write the 64-float sensor frame; returns its length.</summary>
    [Benchmark]
    public int SensorFrame64_Encode() =>
        new SensorFrame(CodecSamples.SensorSequence, CodecSamples.SensorTimeNanoseconds, _sensorValues).Write(_message);

    /// <summary>Read the 64-float sensor frame (encoded once, beforehand) into a float buffer.</summary>
    [Benchmark]
    public ulong SensorFrame64_Decode() => SensorFrame.Read(_sensorMessage, _decodedValues).Sequence;

    /// <summary>Write the 12-target action frame, then read it back.</summary>
    [Benchmark]
    public ulong ActionFrame12_EncodeDecode()
    {
        int length = new ActionFrame(CodecSamples.ActionSequence, CodecSamples.ActionReceivedNanoseconds,
            CodecSamples.ActionSentNanoseconds, CodecSamples.ActionMode, _actionTargets).Write(_actionBuffer);
        return ActionFrame.Read(_actionBuffer.AsSpan(0, length), _decodedTargets).SensorSequence;
    }

    /// <summary>The 64-float sensor frame through the byte-stream path: write, COBS + CRC frame, decode the frame, read.</summary>
    [Benchmark]
    public ulong SensorFrame64_EncodeDecode_StreamFramed()
    {
        int length = new SensorFrame(CodecSamples.SensorSequence, CodecSamples.SensorTimeNanoseconds, _sensorValues).Write(_message);
        int frameLength = FrameEncoder.Encode(_message.AsSpan(0, length), _streamFrame);
        ReadOnlySpan<byte> input = _streamFrame.AsSpan(0, frameLength);
        if (!_frameDecoder.TryDecode(ref input, out ReadOnlySpan<byte> payload))
        {
            throw new InvalidOperationException("the frame just encoded did not decode");
        }
        return SensorFrame.Read(payload, _decodedValues).Sequence;
    }

    /// <summary>The 64-float sensor frame through the UDP path: write, seal in place with the CRC, open, read.</summary>
    [Benchmark]
    public ulong SensorFrame64_EncodeDecode_Datagram()
    {
        int length = new SensorFrame(CodecSamples.SensorSequence, CodecSamples.SensorTimeNanoseconds, _sensorValues).Write(_datagram);
        int sealedLength = DatagramCodec.Seal(_datagram.AsSpan(0, length), _datagram);
        if (DatagramCodec.Open(_datagram.AsSpan(0, sealedLength), out ReadOnlySpan<byte> payload) != DatagramStatus.Ok)
        {
            throw new InvalidOperationException("the datagram just sealed did not open");
        }
        return SensorFrame.Read(payload, _decodedValues).Sequence;
    }
}
