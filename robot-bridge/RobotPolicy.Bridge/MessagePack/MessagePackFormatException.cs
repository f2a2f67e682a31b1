namespace RobotPolicy.Bridge.MessagePack;

/// <summary>
/// A buffer that is not the MessagePack the reader was asked for: truncated, malformed, of another type, or out of
/// range for the requested .NET type. Says where (<see cref="Offset"/>, from the start of the reader's buffer) and
/// what was expected, so a bad message from a robot can be pinned down from the log alone.
/// </summary>
public sealed class MessagePackFormatException : FormatException
{
    public MessagePackFormatException(int offset, string expected, string found)
        : base($"MessagePack at offset {offset}: expected {expected}, found {found}")
    {
        Offset = offset;
        Expected = expected;
        Found = found;
    }

    /// <summary>Byte offset of the value (or the part of it) that could not be read.</summary>
    public int Offset { get; }

    /// <summary>What the reader needed there, e.g. "an integer that fits Int16" or "4 bytes of uint32".</summary>
    public string Expected { get; }

    /// <summary>What it found instead, e.g. "uint32 70000" or "the end of the buffer (2 bytes left)".</summary>
    public string Found { get; }
}
