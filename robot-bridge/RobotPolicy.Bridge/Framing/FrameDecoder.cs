namespace RobotPolicy.Bridge.Framing;

/// <summary>
/// Turns a byte stream, fed in whatever chunks the transport delivers, back into the payloads of
/// <see cref="FrameEncoder"/> frames. A frame may span several reads and one read may hold several frames. Bad
/// frames are dropped and counted by kind, never thrown: a serial line delivers noise, and the decoder is in step
/// again at the next zero. Allocates nothing after construction.
/// </summary>
/// <example>
/// <code>
/// ReadOnlySpan&lt;byte&gt; chunk = buffer.AsSpan(0, bytesRead);
/// while (decoder.TryDecode(ref chunk, out ReadOnlySpan&lt;byte&gt; payload)) { Handle(payload); }
/// </code>
/// </example>
public sealed class FrameDecoder
{
    private readonly byte[] _frame;
    private int _length;
    private int _blockRemaining;
    private bool _zeroBeforeNextBlock;
    private bool _inFrame;
    private bool _discarding;

    /// <param name="maxPayloadLength">The largest payload accepted; longer frames are dropped (and counted) without buffering them.</param>
    public FrameDecoder(int maxPayloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayloadLength);
        MaxPayloadLength = maxPayloadLength;
        _frame = new byte[maxPayloadLength + CrcTrailer.Length];
    }

    public int MaxPayloadLength { get; }

    /// <summary>Frames delivered intact.</summary>
    public long FramesDecoded { get; private set; }

    /// <summary>Frames longer than <see cref="MaxPayloadLength"/>: dropped up to the next delimiter.</summary>
    public long OversizedFrames { get; private set; }

    /// <summary>Frames that ended before their last COBS block did: bytes were lost on the line.</summary>
    public long TruncatedFrames { get; private set; }

    /// <summary>Well-formed frames whose CRC-32C trailer does not match: bytes were changed on the line.</summary>
    public long BadCrcFrames { get; private set; }

    /// <summary>Bytes between delimiters too short to hold even a CRC trailer: line noise, not a frame.</summary>
    public long GarbageFrames { get; private set; }

    /// <summary>Every frame dropped, of whatever kind.</summary>
    public long DroppedFrames => OversizedFrames + TruncatedFrames + BadCrcFrames + GarbageFrames;

    /// <summary>
    /// Consumes <paramref name="input"/> up to and including the end of the next complete frame and returns true
    /// with its payload, or consumes all of it and returns false. The payload is valid until the next call. Call
    /// again with the rest of <paramref name="input"/> until it returns false.
    /// </summary>
    public bool TryDecode(ref ReadOnlySpan<byte> input, out ReadOnlySpan<byte> payload)
    {
        while (!input.IsEmpty)
        {
            if (_discarding)
            {
                // Nothing of an oversized frame is kept: jump straight to its delimiter.
                int end = input.IndexOf(FrameEncoder.Delimiter);
                if (end < 0)
                {
                    input = default;
                    break;
                }
                input = input[end..];
            }

            byte b = input[0];
            input = input[1..];
            if (b == FrameEncoder.Delimiter)
            {
                if (EndFrame(out payload))
                {
                    return true;
                }
                continue;
            }

            _inFrame = true;
            if (_blockRemaining == 0)
            {
                // A code byte: the block before it (if any, and unless it was full) stood for a trailing zero.
                if (_zeroBeforeNextBlock)
                {
                    Store(0);
                }
                _blockRemaining = b - 1;
                _zeroBeforeNextBlock = b != 0xFF;
            }
            else
            {
                Store(b);
                _blockRemaining--;
            }
        }
        payload = default;
        return false;
    }

    /// <summary>Forgets a partly received frame (after reopening a port, say) without counting it.</summary>
    public void Reset()
    {
        _length = 0;
        _blockRemaining = 0;
        _zeroBeforeNextBlock = false;
        _inFrame = false;
        _discarding = false;
    }

    private void Store(byte b)
    {
        if (_discarding)
        {
            return;
        }
        if (_length == _frame.Length)
        {
            OversizedFrames++;
            _discarding = true;
            return;
        }
        _frame[_length++] = b;
    }

    private bool EndFrame(out ReadOnlySpan<byte> payload)
    {
        payload = default;
        bool discarding = _discarding;
        bool inFrame = _inFrame;
        bool blockIncomplete = _blockRemaining > 0;
        int length = _length;
        Reset();

        if (discarding || !inFrame)
        {
            // Already counted, or an empty frame (back-to-back delimiters), which senders may use to resynchronise.
            return false;
        }
        if (blockIncomplete)
        {
            TruncatedFrames++;
            return false;
        }
        if (length < CrcTrailer.Length)
        {
            GarbageFrames++;
            return false;
        }
        ReadOnlySpan<byte> frame = _frame.AsSpan(0, length);
        if (!CrcTrailer.Matches(frame))
        {
            BadCrcFrames++;
            return false;
        }
        FramesDecoded++;
        payload = frame[..^CrcTrailer.Length];
        return true;
    }
}
