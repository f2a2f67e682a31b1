namespace RobotPolicy.Bridge.Framing;

/// <summary>What <see cref="DatagramCodec.Open"/> found.</summary>
public enum DatagramStatus
{
    Ok,
    /// <summary>Shorter than the 4-byte CRC trailer.</summary>
    TooShort,
    /// <summary>The trailer is not the payload's CRC-32C: corrupted (UDP's own checksum is optional and 16-bit).</summary>
    BadCrc,
}
