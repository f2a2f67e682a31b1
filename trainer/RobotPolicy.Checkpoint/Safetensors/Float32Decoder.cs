using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>Turns a tensor's little-endian raw bytes into float32 values, widening or narrowing where needed.</summary>
internal static class Float32Decoder
{
    public const string ConvertibleHeaderNames = "F32, F64, F16 and BF16";

    public static bool CanDecode(SafetensorsDType dtype) =>
        dtype is SafetensorsDType.Float32 or SafetensorsDType.Float64 or SafetensorsDType.Float16 or SafetensorsDType.BFloat16;

    /// <summary>
    /// Decodes <paramref name="raw"/> into <paramref name="destination"/> (which must be exactly one float per element).
    /// Returns the index of the first F64 element whose finite value is outside the float32 range (it would silently
    /// become infinity), or -1 when every value converted faithfully.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> raw, SafetensorsDType dtype, Span<float> destination)
    {
        switch (dtype)
        {
            case SafetensorsDType.Float32:
                DecodeFloat32(raw, destination);
                return -1;
            case SafetensorsDType.Float64:
                return DecodeFloat64(raw, destination);
            case SafetensorsDType.Float16:
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(raw.Slice(i * 2, 2));
                return -1;
            case SafetensorsDType.BFloat16:
                // bfloat16 is the upper half of a float32, so widening is a shift and exact.
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw.Slice(i * 2, 2)) << 16);
                return -1;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, $"Only {ConvertibleHeaderNames} convert to float32.");
        }
    }

    private static void DecodeFloat32(ReadOnlySpan<byte> raw, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            // A byte copy, not a reinterpreting cast: tensor data need not be 4-byte aligned in the buffer.
            raw.CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }
        for (int i = 0; i < destination.Length; i++)
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * 4, 4));
    }

    private static int DecodeFloat64(ReadOnlySpan<byte> raw, Span<float> destination)
    {
        int firstOutOfRange = -1;
        for (int i = 0; i < destination.Length; i++)
        {
            double value = BinaryPrimitives.ReadDoubleLittleEndian(raw.Slice(i * 8, 8));
            float narrowed = (float)value;
            if (firstOutOfRange < 0 && float.IsInfinity(narrowed) && double.IsFinite(value))
                firstOutOfRange = i;
            destination[i] = narrowed;
        }
        return firstOutOfRange;
    }
}
