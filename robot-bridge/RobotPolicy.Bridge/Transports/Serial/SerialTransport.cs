using System.IO.Ports;
using RobotPolicy.Bridge.Serial;

namespace RobotPolicy.Bridge.Transports.Serial;

/// <summary>
/// Messages over a serial port: the stream transport's COBS frames with a CRC (see <see cref="StreamTransport"/>)
/// on a port in raw 8N1, driven by termios (<see cref="SerialDevice"/>, Linux) or System.IO.Ports (every OS). A
/// pulled cable ends the link: <see cref="IMessageTransport.TryReceive"/> delivers what arrived before and then
/// throws a <see cref="TransportException"/> saying the device went away.
/// </summary>
public static class SerialTransport
{
    /// <summary>Opens <c>serial:DEVICE[?baud=RATE][&amp;driver=termios|ports]</c>.</summary>
    public static StreamTransport Open(string address) => Open(SerialAddress.Parse(address));

    public static StreamTransport Open(SerialAddress address, int maxMessageLength = StreamTransport.DefaultMaxMessageLength,
        int queueCapacity = StreamTransport.DefaultQueueCapacity)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new StreamTransport(OpenStream(address), address.ToString(), maxMessageLength, queueCapacity);
    }

    /// <summary>
    /// The port as a raw byte stream under its driver, without framing (for `bench serial`). A read waits for at
    /// least one byte and returns 0 only once the stream is disposed.
    /// </summary>
    public static Stream OpenStream(SerialAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Driver == SerialDriver.Ports ? OpenPorts(address) : OpenTermios(address);
    }

    private static SerialPortStream OpenTermios(SerialAddress address)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new TransportException($"{address}: the termios driver works on Linux only; use driver=ports");
        }
        try
        {
            return new SerialPortStream(SerialDevice.Open(address.DevicePath, address.Baud));
        }
        catch (SerialDeviceException e)
        {
            throw new TransportException($"{address}: {e.Message}", e);
        }
    }

    private static Stream OpenPorts(SerialAddress address)
    {
        var port = new SerialPort(address.DevicePath, address.Baud, Parity.None, 8, StopBits.One)
        {
            Handshake = System.IO.Ports.Handshake.None,
            DtrEnable = false,
            RtsEnable = false,
            WriteTimeout = 1000,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
            return new PortsSerialStream(port);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new TransportException($"{address}: {PortsError(address, e)}", e);
        }
    }

    // System.IO.Ports' own messages, with what to do where the cause is known.
    private static string PortsError(SerialAddress address, Exception e) => e switch
    {
        UnauthorizedAccessException => $"permission denied opening {address.DevicePath} (System.IO.Ports): on Linux add the user to the device's group (`sudo usermod -aG dialout $USER`, then log in again); elsewhere close the program that holds it",
        FileNotFoundException or DirectoryNotFoundException => $"serial device {address.DevicePath} does not exist (is the adapter plugged in?)",
        ArgumentOutOfRangeException when e.Message.Contains("baud", StringComparison.OrdinalIgnoreCase) => $"System.IO.Ports refused {address.Baud} baud: {e.Message}",
        _ => $"cannot open {address.DevicePath} with System.IO.Ports: {e.Message}",
    };
}
