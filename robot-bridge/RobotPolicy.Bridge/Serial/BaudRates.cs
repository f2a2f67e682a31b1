namespace RobotPolicy.Bridge.Serial;

/// <summary>
/// Baud rates as Linux's termios speed constants (the Bnnn values of asm-generic/termbits.h). Only these rates can
/// be set through cfsetspeed; whether the device reaches them (up to 4 Mbaud on FTDI/CP210x class adapters) is the
/// driver's business, and tcsetattr reports a refusal.
/// </summary>
public static class BaudRates
{
    private static readonly (int Baud, uint Code)[] Table =
    [
        (9600, 0x0D), (19200, 0x0E), (38400, 0x0F), (57600, 0x1001), (115200, 0x1002), (230400, 0x1003),
        (460800, 0x1004), (500000, 0x1005), (576000, 0x1006), (921600, 0x1007), (1000000, 0x1008),
        (1152000, 0x1009), (1500000, 0x100A), (2000000, 0x100B), (2500000, 0x100C), (3000000, 0x100D),
        (3500000, 0x100E), (4000000, 0x100F),
    ];

    public static IEnumerable<int> Supported => Table.Select(t => t.Baud);

    public static uint ToSpeedCode(int baud)
    {
        foreach (var (b, code) in Table)
        {
            if (b == baud)
            {
                return code;
            }
        }
        throw new ArgumentException($"baud rate {baud} is not a standard termios rate; use one of {string.Join(", ", Supported)}");
    }
}
