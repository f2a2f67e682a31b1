using System.IO.Ports;

namespace RobotPolicy.Bridge.Serial;

/// <summary>
/// System.IO.Ports' <see cref="SerialPort.BaseStream"/> as the stream transport needs it: a read returns 0 once the
/// port is closed by this side (System.IO.Ports throws there), and disposing closes the port, which ends a pending
/// read. A device that goes away (System.IO.Ports then closes the port by itself) is an IOException saying so,
/// which the transport reports.
/// </summary>
internal sealed class PortsSerialStream(SerialPort port) : SerialStream
{
    private readonly Stream _stream = port.BaseStream;
    private volatile bool _disposed;

    public override bool CanRead => !_disposed;

    public override bool CanWrite => !_disposed;

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _disposed ? 0 : _stream.Read(buffer);
        }
        catch (Exception e) when (_disposed && e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            return 0;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // System.IO.Ports closes the port itself when the device hangs up, so the next read finds it disposed.
            // In the termios driver's words, so a log reads the same whichever driver ran.
            throw new IOException($"{port.PortName}: the device went away ({e.Message}); cable pulled or the other end closed", e);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _stream.Write(buffer);
        }
        catch (TimeoutException e)
        {
            throw new IOException($"{port.PortName}: write timed out after {port.WriteTimeout} ms (is the other side reading?)", e);
        }
    }

    public override void Flush() => _stream.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            port.Dispose();
        }
        base.Dispose(disposing);
    }
}
