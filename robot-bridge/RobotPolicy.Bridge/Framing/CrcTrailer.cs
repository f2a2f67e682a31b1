using System.Buffers.Binary;

namespace RobotPolicy.Bridge.Framing;

/// <summary>The 4-byte CRC-32C of a payload, little-endian, that follows it in frames and datagrams alike.</summary>
internal static class CrcTrailer
{
    public const int Length = 4;

    public static void Write(ReadOnlySpan<byte> payload, Span<byte> trailer) =>
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32C.Compute(payload));

    /// <summary>True when <paramref name="sealedPayload"/> ends with the CRC of the bytes before it.</summary>
    public static bool Matches(ReadOnlySpan<byte> sealedPayload) =>
        sealedPayload.Length >= Length
        && BinaryPrimitives.ReadUInt32LittleEndian(sealedPayload[^Length..]) == Crc32C.Compute(sealedPayload[..^Length]);
}
