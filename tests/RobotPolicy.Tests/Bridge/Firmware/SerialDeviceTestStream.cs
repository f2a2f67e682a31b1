using RobotPolicy.Bridge.Serial;

namespace RobotPolicy.Tests.Bridge.Firmware;

/// <summary>
/// The least <see cref="Stream"/> over a <see cref="SerialDevice"/> that <see cref="RobotPolicy.Bridge.Transports.StreamTransport"/>
/// needs, for the interop test only (the product's serial transport is its own piece of work). A read waits in
/// short polls so that disposing the stream ends a pending read within one poll; the device stays the caller's.
/// </summary>
internal sealed class SerialDeviceTestStream(SerialDevice device) : Stream
{
    private const int PollMs = 50;
    private volatile bool _closed;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Blocks until bytes arrive (returning them) or the stream is disposed (returning 0: the end).</summary>
    public override int Read(Span<byte> buffer)
    {
        while (!_closed)
        {
            int read = device.Read(buffer, PollMs);
            if (read > 0)
            {
                return read;
            }
        }
        return 0;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => device.Write(buffer);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _closed = true;
        base.Dispose(disposing);
    }
}
