using System.Globalization;
using RobotPolicy.Bridge.Serial;

namespace RobotPolicy.Bridge.Transports.Serial;

/// <summary>
/// A serial transport string: <c>serial:/dev/ttyUSB0</c> (115,200 baud) or <c>serial:/dev/ttyUSB0?baud=921600</c>.
/// The path is the device file, absolute. Any rate from 50 to 16,000,000 baud, standard or not (250000, say).
/// </summary>
public sealed record SerialAddress(string DevicePath, int Baud)
{
    public const string Scheme = "serial";

    public const int DefaultBaud = 115_200;

    private const string Expected = "expected serial:/dev/DEVICE or serial:/dev/DEVICE?baud=RATE";

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
        int query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            string option = rest[(query + 1)..];
            const string baudKey = "baud=";
            if (!option.StartsWith(baudKey, StringComparison.Ordinal))
            {
                throw Bad(text, $"unknown option '?{option}'; the only option is ?baud=RATE");
            }
            string value = option[baudKey.Length..];
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out baud) || !BaudRates.IsValid(baud))
            {
                throw Bad(text, $"baud '{value}' is not a rate from {BaudRates.Minimum} to {BaudRates.Maximum}");
            }
            rest = rest[..query];
        }
        if (!rest.StartsWith('/'))
        {
            throw Bad(text, rest.Length == 0 ? "no device path" : $"device path '{rest}' is not absolute");
        }
        return new SerialAddress(rest, baud);
    }

    public override string ToString() => $"{Scheme}:{DevicePath}?baud={Baud.ToString(CultureInfo.InvariantCulture)}";

    private static TransportException Bad(string text, string problem) => new($"transport '{text}': {problem}; {Expected}");
}
