namespace RobotPolicy.Bridge.Serial;

/// <summary>
/// A serial port through termios: raw mode (no echo, no line editing, no CR/LF translation, 8N1), the given baud
/// rate, non-blocking reads and writes paced by poll. Read and Write take spans and allocate nothing. A device
/// that goes away (cable pulled, the other end of a pseudo-terminal closed) shows as <see cref="IsClosed"/> and a
/// <see cref="SerialDeviceException"/> from the next call, never as a hang.
/// </summary>
public sealed unsafe class SerialDevice : IDisposable
{
    private int _fd;

    private SerialDevice(string path, int fd, int baud)
    {
        Path = path;
        _fd = fd;
        Baud = baud;
    }

    public string Path { get; }

    public int Baud { get; }

    /// <summary>True once the device hung up or failed; the port must be reopened.</summary>
    public bool IsClosed { get; private set; }

    public static SerialDevice Open(string path, int baud = 115200)
    {
        if (!BaudRates.IsValid(baud))
        {
            throw new SerialDeviceException($"{path}: baud rate {baud} is out of range ({BaudRates.Minimum} to {BaudRates.Maximum})");
        }
        int fd = Libc.Open(path, Libc.ORdWr | Libc.ONoCtty | Libc.ONonBlock | Libc.OCloExec);
        if (fd < 0)
        {
            throw OpenError(path, System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        }
        try
        {
            Configure(path, fd, baud);
        }
        catch
        {
            Libc.Close(fd);
            throw;
        }
        return new SerialDevice(path, fd, baud);
    }

    private static void Configure(string path, int fd, int baud)
    {
        // A rate without a constant is first set as 38400 with the rest of the raw settings, then as a number.
        bool standard = BaudRates.TryGetSpeedCode(baud, out uint speed);
        if (!standard)
        {
            BaudRates.TryGetSpeedCode(38400, out speed);
        }
        byte* termios = stackalloc byte[Libc.TermiosBufferSize];
        if (Libc.TcGetAttr(fd, termios) != 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            throw new SerialDeviceException(errno == Libc.ENotTy
                ? $"{path} is not a serial device (tcgetattr: not a terminal)"
                : $"{path}: cannot read its serial settings: {Libc.Describe(errno)}");
        }
        Libc.CfMakeRaw(termios);
        // Ignore modem control lines (a bare TX/RX link has no carrier) and enable the receiver.
        *(uint*)(termios + Libc.CflagOffset) |= Libc.CRead | Libc.CLocal;
        // Reads return what is there at once; poll does the waiting.
        termios[Libc.CcOffset + Libc.VMin] = 0;
        termios[Libc.CcOffset + Libc.VTime] = 0;
        if (Libc.CfSetISpeed(termios, speed) != 0 || Libc.CfSetOSpeed(termios, speed) != 0
            || Libc.TcSetAttr(fd, Libc.TcsaNow, termios) != 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            throw new SerialDeviceException($"{path}: the device refused {baud} baud in raw mode: {Libc.Describe(errno)}");
        }
        if (!standard)
        {
            SetArbitraryRate(path, fd, baud);
        }
        Libc.TcFlush(fd, Libc.TcIoFlush);
    }

    // termios2 with BOTHER: the driver gets the rate as a number and picks the nearest divisor it has.
    private static void SetArbitraryRate(string path, int fd, int baud)
    {
        byte* termios2 = stackalloc byte[Libc.TermiosBufferSize];
        if (Libc.Ioctl(fd, Libc.TcGetS2, termios2) == 0)
        {
            uint* cflag = (uint*)(termios2 + Libc.CflagOffset);
            *cflag = (*cflag & ~(Libc.CBaud | Libc.CIBaud)) | Libc.BOther | (Libc.BOther << 16);
            *(uint*)(termios2 + Libc.Termios2IspeedOffset) = (uint)baud;
            *(uint*)(termios2 + Libc.Termios2OspeedOffset) = (uint)baud;
            if (Libc.Ioctl(fd, Libc.TcSetS2, termios2) == 0)
            {
                return;
            }
        }
        int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        throw new SerialDeviceException($"{path}: the device refused {baud} baud, a rate without a termios constant " +
            $"(set through termios2): {Libc.Describe(errno)}; standard rates are {string.Join(", ", BaudRates.Standard)}");
    }

    /// <summary>The output rate the driver reports now (termios2's c_ospeed), to check what a device was set to.</summary>
    public int ReadBackBaud()
    {
        ThrowIfClosed();
        byte* termios2 = stackalloc byte[Libc.TermiosBufferSize];
        if (Libc.Ioctl(_fd, Libc.TcGetS2, termios2) != 0)
        {
            throw new SerialDeviceException($"{Path}: cannot read its speed back: {Libc.Describe(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
        }
        return (int)*(uint*)(termios2 + Libc.Termios2OspeedOffset);
    }

    private static SerialDeviceException OpenError(string path, int errno) => errno switch
    {
        Libc.ENoEnt => new SerialDeviceException($"serial device {path} does not exist (is the adapter plugged in? `ls /dev/ttyUSB* /dev/ttyACM*`)"),
        Libc.EAcces => new SerialDeviceException($"permission denied opening {path}: add the user to the device's group (`sudo usermod -aG dialout $USER`, then log in again)"),
        Libc.EBusy => new SerialDeviceException($"{path} is busy: another program holds it open"),
        _ => new SerialDeviceException($"cannot open {path}: {Libc.Describe(errno)}"),
    };

    /// <summary>
    /// Reads what has arrived into <paramref name="buffer"/>, waiting up to <paramref name="timeoutMs"/> (0: do not
    /// wait; -1: forever) for the first byte. Returns the byte count, 0 on timeout.
    /// </summary>
    public int Read(Span<byte> buffer, int timeoutMs)
    {
        ThrowIfClosed();
        if (!WaitFor(Libc.PollIn, timeoutMs))
        {
            return 0;
        }
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = Libc.Read(_fd, p, buffer.Length);
                if (n > 0)
                {
                    return (int)n;
                }
                int errno = n == 0 ? Libc.EIo : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == Libc.EIntr)
                {
                    continue;
                }
                if (errno == Libc.EAgain)
                {
                    return 0;
                }
                throw Lost("read", errno);
            }
        }
    }

    /// <summary>Writes all of <paramref name="data"/>, waiting for room as needed, up to <paramref name="timeoutMs"/> per wait.</summary>
    public void Write(ReadOnlySpan<byte> data, int timeoutMs = 1000)
    {
        ThrowIfClosed();
        fixed (byte* p = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                nint n = Libc.Write(_fd, p + done, data.Length - done);
                if (n > 0)
                {
                    done += (int)n;
                    continue;
                }
                int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == Libc.EIntr)
                {
                    continue;
                }
                if (errno != Libc.EAgain)
                {
                    throw Lost("write", errno);
                }
                if (!WaitFor(Libc.PollOut, timeoutMs))
                {
                    throw new SerialDeviceException($"{Path}: write timed out after {timeoutMs} ms with {data.Length - done} bytes left (is the other side reading?)");
                }
            }
        }
    }

    // True when the event is ready; false on timeout. A hang-up or error closes the device.
    private bool WaitFor(short events, int timeoutMs)
    {
        var fds = new Libc.PollFd { Fd = _fd, Events = events };
        while (true)
        {
            int ready = Libc.Poll(&fds, 1, timeoutMs);
            if (ready < 0)
            {
                int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == Libc.EIntr)
                {
                    continue;
                }
                throw Lost("poll", errno);
            }
            if (ready == 0)
            {
                return false;
            }
            if ((fds.Revents & events) != 0)
            {
                return true;
            }
            if ((fds.Revents & (Libc.PollHup | Libc.PollErr)) != 0)
            {
                throw Lost("poll", Libc.EIo);
            }
            return false;
        }
    }

    private SerialDeviceException Lost(string call, int errno)
    {
        IsClosed = true;
        return new SerialDeviceException($"{Path}: the device went away ({call}: {Libc.Describe(errno)}); cable pulled or the other end closed");
    }

    private void ThrowIfClosed()
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        if (IsClosed)
        {
            throw new SerialDeviceException($"{Path}: the device went away earlier; reopen it");
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            Libc.Close(_fd);
            _fd = -1;
        }
    }
}
