using System.Globalization;
using RobotPolicy.Bridge.Serial;

namespace RobotPolicy.Bridge.Transports.Serial;

/// <summary>
/// A serial transport string: <c>serial:/dev/ttyUSB0</c> (115,200 baud), <c>serial:/dev/ttyUSB0?baud=921600</c>,
/// <c>serial:/dev/ttyUSB0?baud=250000&amp;driver=ports</c>, <c>serial:COM3</c> on Windows. Any rate from 50 to
/// 16,000,000 baud, standard or not. The driver is termios on Linux and System.IO.Ports elsewhere unless
/// <c>driver=</c> says otherwise.
/// </summary>
public sealed record SerialAddress(string DevicePath, int Baud, SerialDriver Driver)
{
    public const string Scheme = "serial";

    public const int DefaultBaud = 115_200;

    private const string Expected = "expected serial:/dev/DEVICE[?baud=RATE][&driver=termios|ports] (serial:COM3 on Windows)";

    public SerialAddress(string devicePath, int baud)
        : this(devicePath, baud, DefaultDriver)
    {
    }

    /// <summary>termios where it exists (Linux), System.IO.Ports everywhere else.</summary>
    public static SerialDriver DefaultDriver => OperatingSystem.IsLinux() ? SerialDriver.Termios : SerialDriver.Ports;

    /// <summary>Parses a transport string; a <see cref="TransportException"/> says what is wrong and what is expected.</summary>
    public static SerialAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string prefix = Scheme + ":";
        if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw Bad(text, "it is not a serial transport");
        }
        string rest = text[prefix.Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            // serial:///dev/ttyUSB0 is a common slip for serial:/dev/ttyUSB0; accept the URL form too.
            rest = rest[2..];
        }
        int baud = DefaultBaud;
        SerialDriver driver = DefaultDriver;
        int query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            foreach (string option in rest[(query + 1)..].Split('&'))
            {
                ReadOption(text, option, ref baud, ref driver);
            }
            rest = rest[..query];
        }
        if (rest.Length == 0)
        {
            throw Bad(text, "no device path");
        }
        if (!rest.StartsWith('/') && !(OperatingSystem.IsWindows() && rest.StartsWith("COM", StringComparison.OrdinalIgnoreCase)))
        {
            throw Bad(text, $"device path '{rest}' is not absolute");
        }
        if (driver == SerialDriver.Termios && !OperatingSystem.IsLinux())
        {
            throw Bad(text, "driver=termios works on Linux only; use driver=ports (the default here)");
        }
        return new SerialAddress(rest, baud, driver);
    }

    private static void ReadOption(string text, string option, ref int baud, ref SerialDriver driver)
    {
        const string baudKey = "baud=";
        const string driverKey = "driver=";
        if (option.StartsWith(baudKey, StringComparison.Ordinal))
        {
            string value = option[baudKey.Length..];
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out baud) || !BaudRates.IsValid(baud))
            {
                throw Bad(text, $"baud '{value}' is not a rate from {BaudRates.Minimum} to {BaudRates.Maximum}");
            }
        }
        else if (option.StartsWith(driverKey, StringComparison.Ordinal))
        {
            driver = option[driverKey.Length..] switch
            {
                "termios" => SerialDriver.Termios,
                "ports" => SerialDriver.Ports,
                string other => throw Bad(text, $"driver '{other}' is not termios or ports"),
            };
        }
        else
        {
            throw Bad(text, $"unknown option '{option}'; the options are baud=RATE and driver=termios|ports");
        }
    }

    public override string ToString() =>
        $"{Scheme}:{DevicePath}?baud={Baud.ToString(CultureInfo.InvariantCulture)}{(Driver == DefaultDriver ? "" : $"&driver={DriverName}")}";

    private string DriverName => Driver == SerialDriver.Ports ? "ports" : "termios";

    private static TransportException Bad(string text, string problem) => new($"transport '{text}': {problem}; {Expected}");
}
