namespace RobotPolicy.Bridge.Framing;

/// <summary>
/// One message per UDP datagram: the payload followed by its CRC-32C (4 bytes, little-endian), the same trailer as
/// a stream frame but without COBS, since the datagram itself marks where the message ends.
/// </summary>
public static class DatagramCodec
{
    /// <summary>Bytes the CRC trailer adds.</summary>
    public const int TrailerLength = CrcTrailer.Length;

    /// <summary>
    /// Writes payload + CRC into <paramref name="destination"/> and returns its length (payload + 4). The payload may
    /// already lie at the start of <paramref name="destination"/> (sealing in place).
    /// </summary>
    public static int Seal(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        int length = payload.Length + TrailerLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"a sealed datagram of a {payload.Length}-byte payload needs {length} bytes, the destination has {destination.Length}", nameof(destination));
        }
        payload.CopyTo(destination);
        CrcTrailer.Write(destination[..payload.Length], destination.Slice(payload.Length, TrailerLength));
        return length;
    }

    /// <summary>Checks a received datagram; on <see cref="DatagramStatus.Ok"/>, <paramref name="payload"/> is the message without its trailer.</summary>
    public static DatagramStatus Open(ReadOnlySpan<byte> datagram, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (datagram.Length < TrailerLength)
        {
            return DatagramStatus.TooShort;
        }
        if (!CrcTrailer.Matches(datagram))
        {
            return DatagramStatus.BadCrc;
        }
        payload = datagram[..^TrailerLength];
        return DatagramStatus.Ok;
    }
}
