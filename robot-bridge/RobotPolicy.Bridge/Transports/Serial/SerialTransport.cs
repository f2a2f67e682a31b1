using RobotPolicy.Bridge.Serial;

namespace RobotPolicy.Bridge.Transports.Serial;

/// <summary>
/// Messages over a serial port: the stream transport's COBS frames with a CRC (see <see cref="StreamTransport"/>)
/// on a <see cref="SerialDevice"/> in raw mode. A pulled cable ends the link: <see cref="IMessageTransport.TryReceive"/>
/// delivers what arrived before and then throws a <see cref="TransportException"/> saying the device went away.
/// </summary>
public static class SerialTransport
{
    /// <summary>Opens <c>serial:/dev/DEVICE[?baud=RATE]</c>.</summary>
    public static StreamTransport Open(string address) => Open(SerialAddress.Parse(address));

    public static StreamTransport Open(SerialAddress address, int maxMessageLength = StreamTransport.DefaultMaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        SerialDevice device;
        try
        {
            device = SerialDevice.Open(address.DevicePath, address.Baud);
        }
        catch (SerialDeviceException e)
        {
            throw new TransportException($"{address}: {e.Message}", e);
        }
        return new StreamTransport(new SerialPortStream(device), address.ToString(), maxMessageLength);
    }
}
