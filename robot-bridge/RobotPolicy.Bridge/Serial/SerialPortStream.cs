namespace RobotPolicy.Bridge.Serial;

/// <summary>
/// A <see cref="Stream"/> over a <see cref="SerialDevice"/>, so the stream transport's COBS framing runs on a serial
/// port. Reads wait in short poll slices rather than forever: closing a descriptor does not wake a thread blocked in
/// poll on Linux, so the slice is what lets <see cref="Dispose(bool)"/> end a pending read within
/// <see cref="ReadSliceMilliseconds"/>. A read returns 0 (end of stream) only once the stream is disposed; a device
/// that goes away throws <see cref="SerialDeviceException"/>, which the transport reports as the link's failure.
/// </summary>
public sealed class SerialPortStream : SerialStream
{
    /// <summary>How long one poll of a pending read lasts before the stream checks whether it was disposed.</summary>
    public const int ReadSliceMilliseconds = 50;

    private readonly SerialDevice _device;
    private volatile bool _disposed;
    private int _readers;

    public SerialPortStream(SerialDevice device)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
    }

    public SerialDevice Device => _device;

    public override bool CanRead => !_disposed;

    public override bool CanWrite => !_disposed;

    public override int Read(Span<byte> buffer)
    {
        Interlocked.Increment(ref _readers);
        try
        {
            while (!_disposed)
            {
                int read = _device.Read(buffer, ReadSliceMilliseconds);
                if (read > 0)
                {
                    return read;
                }
            }
            return 0;
        }
        finally
        {
            // The last reader out closes the device when the stream was disposed under it.
            if (Interlocked.Decrement(ref _readers) == 0 && _disposed)
            {
                _device.Dispose();
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _device.Write(buffer);
    }

    /// <summary>Nothing to flush: a write returns once the kernel has every byte.</summary>
    public override void Flush()
    {
    }

    /// <summary>Marks the stream closed; the device is closed now, or by a pending read as it returns (within one slice),
    /// so a read never sees its descriptor closed (or reused) under it.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (Volatile.Read(ref _readers) == 0)
            {
                _device.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}
