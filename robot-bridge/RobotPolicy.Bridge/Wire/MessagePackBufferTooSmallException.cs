namespace RobotPolicy.Bridge.Wire;

/// <summary>
/// A message does not fit the buffer it is written into. Size buffers by the message's <c>MaxLength</c> instead of
/// catching this: the bridge's buffers never grow.
/// </summary>
public sealed class MessagePackBufferTooSmallException : InvalidOperationException
{
    public MessagePackBufferTooSmallException(int needed, int offset, int capacity)
        : base($"MessagePack writer: the next value needs {needed} bytes at offset {offset}, but the buffer holds {capacity} bytes ({capacity - offset} left)")
    {
        Needed = needed;
        Offset = offset;
        Capacity = capacity;
    }

    /// <summary>Bytes the next value needed.</summary>
    public int Needed { get; }

    /// <summary>Where the value would have started.</summary>
    public int Offset { get; }

    /// <summary>The whole buffer's length.</summary>
    public int Capacity { get; }
}
