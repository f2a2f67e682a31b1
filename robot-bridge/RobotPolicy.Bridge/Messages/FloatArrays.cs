using MessagePack;
using RobotPolicy.Bridge.Wire;

namespace RobotPolicy.Bridge.Messages;

/// <summary>Float32 values as a MessagePack array, the form sensor values and action targets take on the wire.</summary>
internal static class FloatArrays
{
    /// <summary>Most bytes an array of <paramref name="count"/> float32s takes: an array32 header, then 5 bytes a value.</summary>
    public static int MaxLength(int count) => 5 + 5 * count;

    public static void Write(ref MessagePackWriter writer, ReadOnlySpan<float> values)
    {
        writer.WriteArrayHeader(values.Length);
        foreach (float value in values)
        {
            writer.Write(value);
        }
    }

    /// <summary>
    /// Reads the array into <paramref name="destination"/> and returns its length. Each element may be float32,
    /// float64 or an integer (<see cref="MessagePackReader.ReadSingle"/>), as peers in other languages send them.
    /// </summary>
    public static int Read(ref MessagePackReader reader, Span<float> destination, MessageType type, string key)
    {
        int count = reader.ReadArrayHeader();
        if (count > destination.Length)
        {
            throw MessageErrors.TooManyValues(type, key, count, destination.Length);
        }
        for (int i = 0; i < count; i++)
        {
            destination[i] = reader.ReadSingle();
        }
        return count;
    }
}
