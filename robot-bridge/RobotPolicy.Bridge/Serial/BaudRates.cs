namespace RobotPolicy.Bridge.Serial;

/// <summary>
/// Baud rates. The standard ones map to Linux's termios speed constants (the Bnnn values of asm-generic/termbits.h)
/// and are set through cfsetspeed; any other rate in <see cref="Minimum"/>..<see cref="Maximum"/> (250,000 for
/// DMX and many motor drivers, 2,000,000 for some IMUs) is set as a number through termios2 (BOTHER), as Linux
/// allows since 2.6. Whether the device reaches a rate is the driver's business: it says so when it refuses.
/// </summary>
public static class BaudRates
{
    /// <summary>The lowest rate accepted.</summary>
    public const int Minimum = 50;

    /// <summary>The highest rate accepted (USB adapters top out at 12 Mbaud; this leaves headroom).</summary>
    public const int Maximum = 16_000_000;

    private static readonly (int Baud, uint Code)[] Table =
    [
        (9600, 0x0D), (19200, 0x0E), (38400, 0x0F), (57600, 0x1001), (115200, 0x1002), (230400, 0x1003),
        (460800, 0x1004), (500000, 0x1005), (576000, 0x1006), (921600, 0x1007), (1000000, 0x1008),
        (1152000, 0x1009), (1500000, 0x100A), (2000000, 0x100B), (2500000, 0x100C), (3000000, 0x100D),
        (3500000, 0x100E), (4000000, 0x100F),
    ];

    /// <summary>The rates that have a termios constant.</summary>
    public static IEnumerable<int> Standard => Table.Select(t => t.Baud);

    /// <summary>True for a rate this toolkit can ask a Linux serial driver for.</summary>
    public static bool IsValid(int baud) => baud is >= Minimum and <= Maximum;

    /// <summary>The termios constant of a standard rate; false for any other.</summary>
    public static bool TryGetSpeedCode(int baud, out uint code)
    {
        foreach (var (b, c) in Table)
        {
            if (b == baud)
            {
                code = c;
                return true;
            }
        }
        code = 0;
        return false;
    }
}
