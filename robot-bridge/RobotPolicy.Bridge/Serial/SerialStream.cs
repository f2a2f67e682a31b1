namespace RobotPolicy.Bridge.Serial;

/// <summary>What every serial port stream shares: a duplex byte stream with no length, no position and no seeking.</summary>
public abstract class SerialStream : Stream
{
    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException("a serial port has no length");

    public override long Position
    {
        get => throw new NotSupportedException("a serial port has no position");
        set => throw new NotSupportedException("a serial port has no position");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("a serial port cannot seek");

    public override void SetLength(long value) => throw new NotSupportedException("a serial port has no length");
}
