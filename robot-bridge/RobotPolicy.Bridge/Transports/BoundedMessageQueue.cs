namespace RobotPolicy.Bridge.Transports;

/// <summary>
/// A fixed ring of message slots, each <see cref="MaxMessageLength"/> bytes, that one side fills and the other
/// drains with a timeout. A full ring drops the new message (as a full socket buffer would) rather than block the
/// sender. A lock and Monitor.Wait/Pulse keep it simple and correct for any number of threads; the slots are
/// allocated once, so enqueueing and dequeueing allocate nothing.
/// </summary>
internal sealed class BoundedMessageQueue
{
    private readonly object _gate = new();
    private readonly byte[][] _slots;
    private readonly int[] _lengths;
    private int _head;
    private int _count;
    private bool _closed;

    public BoundedMessageQueue(int capacity, int maxMessageLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessageLength);
        MaxMessageLength = maxMessageLength;
        _slots = new byte[capacity][];
        for (int i = 0; i < capacity; i++)
        {
            _slots[i] = new byte[maxMessageLength];
        }
        _lengths = new int[capacity];
    }

    public int MaxMessageLength { get; }

    /// <summary>Copies <paramref name="message"/> in; false when the ring is full. Throws once closed.</summary>
    public bool TryEnqueue(ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxMessageLength)
        {
            throw new ArgumentException($"a {message.Length}-byte message does not fit a {MaxMessageLength}-byte slot", nameof(message));
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (_count == _slots.Length)
            {
                return false;
            }
            int tail = (_head + _count) % _slots.Length;
            message.CopyTo(_slots[tail]);
            _lengths[tail] = message.Length;
            _count++;
            Monitor.Pulse(_gate);
            return true;
        }
    }

    /// <summary>
    /// A transport's receive on this queue: waits up to <paramref name="timeout"/> for a message that fits
    /// <paramref name="destination"/>, counting deliveries and dropping (and counting) the ones too long for it.
    /// True with the message; false on timeout, or with <paramref name="closed"/> set once the queue was closed.
    /// </summary>
    public bool TryReceive(Span<byte> destination, TimeSpan timeout, TransportStatistics statistics, out int length, out bool closed)
    {
        var deadline = new ReceiveDeadline(timeout);
        closed = false;
        while (true)
        {
            switch (TryDequeue(destination, deadline, out length))
            {
                case DequeueResult.Delivered:
                    statistics.RecordReceived();
                    return true;
                case DequeueResult.TooLong:
                    statistics.RecordDrop(DropReason.Oversized);
                    continue;
                case DequeueResult.TimedOut:
                    return false;
                default:
                    closed = true;
                    return false;
            }
        }
    }

    /// <summary>
    /// Waits until a message is queued or the deadline passes. On <see cref="DequeueResult.Delivered"/> the message
    /// is in <paramref name="destination"/>; on <see cref="DequeueResult.TooLong"/> it did not fit and was removed.
    /// </summary>
    public DequeueResult TryDequeue(Span<byte> destination, in ReceiveDeadline deadline, out int length)
    {
        length = 0;
        lock (_gate)
        {
            while (_count == 0)
            {
                if (_closed)
                {
                    return DequeueResult.Closed;
                }
                int wait = deadline.RemainingMilliseconds;
                if (wait == 0 || !Monitor.Wait(_gate, wait))
                {
                    if (_count == 0)
                    {
                        return _closed ? DequeueResult.Closed : DequeueResult.TimedOut;
                    }
                }
            }
            int slot = _head;
            _head = (_head + 1) % _slots.Length;
            _count--;
            int messageLength = _lengths[slot];
            if (messageLength > destination.Length)
            {
                return DequeueResult.TooLong;
            }
            _slots[slot].AsSpan(0, messageLength).CopyTo(destination);
            length = messageLength;
            return DequeueResult.Delivered;
        }
    }

    /// <summary>Refuses further messages and wakes every waiter; what is queued can still be drained.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }
}
