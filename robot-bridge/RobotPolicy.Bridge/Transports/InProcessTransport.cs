namespace RobotPolicy.Bridge.Transports;

/// <summary>
/// One end of a pair of connected in-process endpoints (<see cref="CreatePair"/>): what one sends, the other
/// receives, through a bounded ring per direction. For tests, benchmarks and a simulated robot in the same process.
/// No CRC: memory does not corrupt bytes, so the only drop is a full ring (<see cref="DropReason.QueueFull"/>,
/// counted by the receiving end, as a full socket buffer would lose it there).
/// </summary>
public sealed class InProcessTransport : IMessageTransport
{
    /// <summary>Default slot size: a sensor frame of several hundred values, with room to spare.</summary>
    public const int DefaultMaxMessageLength = 8192;

    /// <summary>Default ring length per direction.</summary>
    public const int DefaultCapacity = 64;

    private readonly BoundedMessageQueue _inbox;
    private InProcessTransport _peer = null!;
    private bool _disposed;

    private InProcessTransport(string description, int capacity, int maxMessageLength)
    {
        Description = description;
        _inbox = new BoundedMessageQueue(capacity, maxMessageLength);
    }

    /// <summary>Two connected endpoints; dispose both.</summary>
    public static (InProcessTransport A, InProcessTransport B) CreatePair(
        int maxMessageLength = DefaultMaxMessageLength, int capacity = DefaultCapacity)
    {
        var a = new InProcessTransport("in-process endpoint A", capacity, maxMessageLength);
        var b = new InProcessTransport("in-process endpoint B", capacity, maxMessageLength);
        a._peer = b;
        b._peer = a;
        return (a, b);
    }

    public string Description { get; }

    public int MaxMessageLength => _inbox.MaxMessageLength;

    public TransportStatistics Statistics { get; } = new();

    /// <summary>Queues the message at the other end. Throws <see cref="TransportException"/> once the other end is disposed.</summary>
    public void Send(ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        bool queued;
        try
        {
            queued = _peer._inbox.TryEnqueue(message);
        }
        catch (ObjectDisposedException e)
        {
            throw new TransportException($"{Description}: the other endpoint is closed", e);
        }
        Statistics.RecordSent();
        if (!queued)
        {
            _peer.Statistics.RecordDrop(DropReason.QueueFull);
        }
    }

    public bool TryReceive(Span<byte> destination, TimeSpan timeout, out int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_inbox.TryReceive(destination, timeout, Statistics, out length, out bool closed))
        {
            return true;
        }
        if (!closed)
        {
            return false;
        }
        throw new ObjectDisposedException(Description);
    }

    public void Dispose()
    {
        _disposed = true;
        _inbox.Close();
    }

    public override string ToString() => Description;
}
