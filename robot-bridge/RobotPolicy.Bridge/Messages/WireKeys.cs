namespace RobotPolicy.Bridge.Messages;

/// <summary>The map keys of protocol version 1 as UTF-8, so reading a key is a byte comparison and writing one a copy.</summary>
internal static class WireKeys
{
    public static ReadOnlySpan<byte> Version => "v"u8;
    public static ReadOnlySpan<byte> Type => "t"u8;

    public static ReadOnlySpan<byte> Robot => "robot"u8;
    public static ReadOnlySpan<byte> Joints => "joints"u8;
    public static ReadOnlySpan<byte> Sensors => "sensors"u8;
    public static ReadOnlySpan<byte> Name => "name"u8;
    public static ReadOnlySpan<byte> Size => "size"u8;
    public static ReadOnlySpan<byte> PeriodNanoseconds => "period_ns"u8;

    public static ReadOnlySpan<byte> Sequence => "seq"u8;
    public static ReadOnlySpan<byte> TimeNanoseconds => "ts_ns"u8;
    public static ReadOnlySpan<byte> Values => "values"u8;

    public static ReadOnlySpan<byte> ReceivedNanoseconds => "rx_ns"u8;
    public static ReadOnlySpan<byte> SentNanoseconds => "tx_ns"u8;
    public static ReadOnlySpan<byte> Mode => "mode"u8;
    public static ReadOnlySpan<byte> Targets => "targets"u8;

    public static ReadOnlySpan<byte> Reason => "reason"u8;
    public static ReadOnlySpan<byte> Code => "code"u8;
    public static ReadOnlySpan<byte> Text => "text"u8;
}
