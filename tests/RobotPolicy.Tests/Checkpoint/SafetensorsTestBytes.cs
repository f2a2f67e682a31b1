using System.Buffers.Binary;
using System.Text;

namespace RobotPolicy.Tests.Checkpoint;

/// <summary>
/// Builds safetensors byte vectors by hand, straight from the published layout (8-byte little-endian header
/// length, UTF-8 JSON header, data buffer), so reader tests do not depend on the library's own writer.
/// </summary>
internal static class SafetensorsTestBytes
{
    /// <summary>Length prefix + <paramref name="headerJson"/> exactly as given (no padding) + <paramref name="data"/>.</summary>
    public static byte[] Build(string headerJson, params byte[][] data) =>
        BuildWithDeclaredLength((ulong)Encoding.UTF8.GetByteCount(headerJson), Encoding.UTF8.GetBytes(headerJson), data);

    /// <summary>Like <see cref="Build"/> but with the header padded with spaces to a multiple of 8 bytes, as the reference writer does.</summary>
    public static byte[] BuildPadded(string headerJson, params byte[][] data)
    {
        int length = Encoding.UTF8.GetByteCount(headerJson);
        return Build(headerJson + new string(' ', (8 - length % 8) % 8), data);
    }

    /// <summary>A length prefix that may lie about the header that follows it.</summary>
    public static byte[] BuildWithDeclaredLength(ulong declaredHeaderLength, byte[] header, params byte[][] data)
    {
        var bytes = new List<byte>();
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, declaredHeaderLength);
        bytes.AddRange(prefix);
        bytes.AddRange(header);
        foreach (byte[] chunk in data)
            bytes.AddRange(chunk);
        return bytes.ToArray();
    }

    public static byte[] Float32LittleEndian(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    public static byte[] Float64LittleEndian(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }

    public static byte[] Int64LittleEndian(params long[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }

    public static byte[] Zeros(int count) => new byte[count];
}
