namespace RobotPolicy.Control.Telemetry;

/// <summary>
/// A bounded single-producer, single-consumer ring of <see cref="CycleRecord"/>s between the control loop and the
/// telemetry thread. The loop fills the slot <see cref="TryBeginWrite"/> hands it and publishes it with
/// <see cref="EndWrite"/>; when the reader has fallen a whole ring behind, the record is dropped and counted, so the
/// loop never waits on the disk. No locks, no allocation after construction.
/// </summary>
public sealed class TelemetryRing
{
    private readonly CycleRecord[] _slots;
    private long _written;
    private long _read;
    private long _dropped;

    public TelemetryRing(int capacity, int frameDim, int actionDim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _slots = new CycleRecord[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _slots[i] = new CycleRecord(frameDim, actionDim);
        }
    }

    /// <summary>Records the loop could not hand over because the ring was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The producer's free slot, or null (the record is counted as dropped) when the ring is full.</summary>
    public CycleRecord? TryBeginWrite()
    {
        long written = _written;
        if (written - Volatile.Read(ref _read) >= _slots.Length)
        {
            Interlocked.Increment(ref _dropped);
            return null;
        }
        return _slots[written % _slots.Length];
    }

    /// <summary>Publishes the slot <see cref="TryBeginWrite"/> returned.</summary>
    public void EndWrite() => Volatile.Write(ref _written, _written + 1);

    /// <summary>The consumer's next record, or null when none is waiting; call <see cref="EndRead"/> when done with it.</summary>
    public CycleRecord? TryBeginRead()
    {
        long read = _read;
        return read < Volatile.Read(ref _written) ? _slots[read % _slots.Length] : null;
    }

    public void EndRead() => Volatile.Write(ref _read, _read + 1);
}
