namespace RobotPolicy.Bridge.Framing;

/// <summary>
/// Frames a payload for a byte stream (serial): payload + CRC-32C trailer (4 bytes, little-endian, over the payload),
/// COBS-encoded so the frame holds no zero byte, then one zero as the delimiter. A receiver that lost bytes or joined
/// mid-stream is back in step at the next zero. Allocates nothing.
/// </summary>
public static class FrameEncoder
{
    /// <summary>The byte that ends every frame and appears nowhere inside one.</summary>
    public const byte Delimiter = 0;

    /// <summary>COBS adds a code byte per 254 data bytes (one at least), then the delimiter.</summary>
    public static int MaxFrameLength(int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        int data = payloadLength + CrcTrailer.Length;
        return data + data / 254 + 1 + 1;
    }

    /// <summary>
    /// Writes the frame for <paramref name="payload"/> into <paramref name="destination"/>, which must hold
    /// <see cref="MaxFrameLength"/> bytes, and returns the frame's length (delimiter included).
    /// </summary>
    public static int Encode(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        int needed = MaxFrameLength(payload.Length);
        if (destination.Length < needed)
        {
            throw new ArgumentException($"framing a {payload.Length}-byte payload needs up to {needed} bytes, the destination has {destination.Length}", nameof(destination));
        }
        Span<byte> trailer = stackalloc byte[CrcTrailer.Length];
        CrcTrailer.Write(payload, trailer);

        var cobs = new CobsWriter(destination);
        cobs.Append(payload);
        cobs.Append(trailer);
        return cobs.Finish();
    }

    /// <summary>
    /// Consistent Overhead Byte Stuffing: each block is a code byte n then n-1 non-zero bytes, standing for those
    /// bytes followed by a zero (except after a full block, n = 0xFF, and after the last block).
    /// </summary>
    private ref struct CobsWriter
    {
        private readonly Span<byte> _destination;
        private int _codeIndex;
        private int _write;
        private byte _code;

        public CobsWriter(Span<byte> destination)
        {
            _destination = destination;
            _codeIndex = 0;
            _write = 1;
            _code = 1;
        }

        public void Append(scoped ReadOnlySpan<byte> data)
        {
            foreach (byte b in data)
            {
                if (b == 0)
                {
                    CloseBlock();
                    continue;
                }
                _destination[_write++] = b;
                if (++_code == 0xFF)
                {
                    CloseBlock();
                }
            }
        }

        /// <summary>Closes the last block, writes the delimiter and returns the frame's length.</summary>
        public int Finish()
        {
            _destination[_codeIndex] = _code;
            _destination[_write++] = Delimiter;
            return _write;
        }

        private void CloseBlock()
        {
            _destination[_codeIndex] = _code;
            _codeIndex = _write++;
            _code = 1;
        }
    }
}
