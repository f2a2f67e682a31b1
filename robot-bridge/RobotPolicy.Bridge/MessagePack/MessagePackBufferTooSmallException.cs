namespace RobotPolicy.Bridge.MessagePack;

/// <summary>
/// The <see cref="MessagePackWriter"/>'s buffer cannot hold the next value. Nothing of that value was written, so
/// the bytes before <see cref="Offset"/> are still a valid prefix. Size buffers for the largest message instead of
/// catching this: the writer never grows its buffer.
/// </summary>
public sealed class MessagePackBufferTooSmallException : InvalidOperationException
{
    public MessagePackBufferTooSmallException(string what, int needed, int offset, int capacity)
        : base($"MessagePack writer: {what} needs {needed} bytes at offset {offset}, but the buffer holds {capacity} bytes ({capacity - offset} left)")
    {
        Needed = needed;
        Offset = offset;
        Capacity = capacity;
    }

    /// <summary>Bytes the value needed.</summary>
    public int Needed { get; }

    /// <summary>Where the value would have started.</summary>
    public int Offset { get; }

    /// <summary>The whole buffer's length.</summary>
    public int Capacity { get; }
}
