using System.Buffers.Binary;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;
using System.Runtime.Intrinsics.X86;

namespace RobotPolicy.Bridge.Framing;

/// <summary>
/// CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF), the check of
/// iSCSI, ext4 and SCTP. Written here because System.IO.Hashing is not served by this machine's NuGet source.
/// Uses the CPU's CRC32C instruction where there is one (SSE4.2 on x64, the CRC extension on arm64, so Jetson-class
/// boards too) and a lookup table elsewhere; both give the same numbers (tested).
/// </summary>
public static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F63B78;

    private static readonly uint[] Table = BuildTable();

    /// <summary>True when <see cref="Compute"/> runs on a CRC32C instruction rather than the table.</summary>
    public static bool IsHardwareAccelerated => Sse42.IsSupported || ArmCrc32.IsSupported;

    /// <summary>The CRC-32C of <paramref name="data"/> ("123456789" gives 0xE3069283).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/>, the CRC of earlier bytes, over <paramref name="data"/>: Append(Compute(a), b) == Compute(a + b).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~UpdateHardware(~crc, data);

    /// <summary>The table-driven path alone, so tests can hold it against the hardware path on any machine.</summary>
    internal static uint AppendWithTable(uint crc, ReadOnlySpan<byte> data) => ~UpdateTable(~crc, data);

    private static uint UpdateHardware(uint state, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong wide = state;
            while (data.Length >= 8)
            {
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            state = (uint)wide;
        }
        else if (ArmCrc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                state = ArmCrc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
        }

        if (Sse42.IsSupported)
        {
            foreach (byte b in data)
            {
                state = Sse42.Crc32(state, b);
            }
            return state;
        }
        if (ArmCrc32.IsSupported)
        {
            foreach (byte b in data)
            {
                state = ArmCrc32.ComputeCrc32C(state, b);
            }
            return state;
        }
        return UpdateTable(state, data);
    }

    private static uint UpdateTable(uint state, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        foreach (byte b in data)
        {
            state = table[(byte)(state ^ b)] ^ (state >> 8);
        }
        return state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint entry = i;
            for (int bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ ReflectedPolynomial : entry >> 1;
            }
            table[i] = entry;
        }
        return table;
    }
}
