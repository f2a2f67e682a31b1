using System.Text;
using System.Text.Unicode;
using MessagePack;

namespace RobotPolicy.Bridge.Wire;

/// <summary>Field-level helpers over MessagePack-CSharp's reader and writer that the bridge's messages share.</summary>
public static class MessagePackFields
{
    // Throws for a lone surrogate instead of sending U+FFFD: text that cannot be encoded is the caller's bug.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads a map key: its UTF-8 bytes when it is a string; any other key (a peer may send one) is skipped and
    /// reads as empty, which matches no key of the protocol.
    /// </summary>
    public static ReadOnlySpan<byte> ReadKey(scoped ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType == MessagePackType.String && reader.TryReadStringSpan(out ReadOnlySpan<byte> key))
        {
            return key;
        }
        reader.Skip();
        return default;
    }

    /// <summary>A str value's UTF-8 bytes, without allocating; anything else (nil included) is a format error.</summary>
    public static ReadOnlySpan<byte> ReadUtf8(scoped ref MessagePackReader reader)
    {
        if (reader.TryReadStringSpan(out ReadOnlySpan<byte> value))
        {
            return value;
        }
        // TryReadStringSpan declines nil without reading it (the bridge's buffers are one contiguous span, so
        // nothing else) and throws for other types.
        throw new MessagePackFormatException(reader.Consumed, "expected a str, found nil");
    }

    /// <summary>A str value as text (allocates); nil, other types and invalid UTF-8 are format errors, never replaced.</summary>
    public static string ReadText(scoped ref MessagePackReader reader)
    {
        long start = reader.Consumed;
        ReadOnlySpan<byte> utf8 = ReadUtf8(ref reader);
        if (!Utf8.IsValid(utf8))
        {
            throw new MessagePackFormatException(start, $"a str of {utf8.Length} bytes that are not valid UTF-8");
        }
        return Encoding.UTF8.GetString(utf8);
    }

    /// <summary>Writes text as a str of its exact UTF-8 (the package's own string writer reserves 3 bytes a character).</summary>
    public static void WriteText(ref MessagePackWriter writer, string text) => writer.WriteString(StrictUtf8.GetBytes(text));
}
