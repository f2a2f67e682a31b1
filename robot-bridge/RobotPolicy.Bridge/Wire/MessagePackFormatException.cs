namespace RobotPolicy.Bridge.Wire;

/// <summary>
/// Bytes that are not the MessagePack a message reader asked for: truncated, malformed, of another type, or out of
/// range for the field. The bridge's own type for what MessagePack-CSharp's reader throws (an end-of-stream, a
/// serialization or an overflow exception), so a receive loop catches one type and drops the message. Says where
/// (<see cref="Offset"/>), so a bad message from a robot can be pinned down from the log alone.
/// </summary>
public sealed class MessagePackFormatException : FormatException
{
    public MessagePackFormatException(long offset, string problem, Exception? inner = null)
        : base($"MessagePack at offset {offset}: {problem}", inner)
    {
        Offset = offset;
        Problem = problem;
    }

    /// <summary>How far the reader had got into the message when it failed (bytes from the start).</summary>
    public long Offset { get; }

    /// <summary>What was wrong, e.g. "the message ends inside a value".</summary>
    public string Problem { get; }
}
