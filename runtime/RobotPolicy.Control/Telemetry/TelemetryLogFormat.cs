namespace RobotPolicy.Control.Telemetry;

/// <summary>
/// The telemetry log: a file of MessagePack values one after another (no framing needed: each value says its own
/// length). The first is a header map ({format, version, bundle, weights_sha256, robot, transport, period_ns,
/// frame_dim, action_dim, started_ns}); each further one is a cycle map with the keys below. A run that was killed
/// leaves at most a cut-off last record, which a reader reports and skips.
/// </summary>
internal static class TelemetryLogFormat
{
    public static ReadOnlySpan<byte> Format => "format"u8;
    public static ReadOnlySpan<byte> Version => "version"u8;
    public static ReadOnlySpan<byte> Bundle => "bundle"u8;
    public static ReadOnlySpan<byte> WeightsSha256 => "weights_sha256"u8;
    public static ReadOnlySpan<byte> Robot => "robot"u8;
    public static ReadOnlySpan<byte> Transport => "transport"u8;
    public static ReadOnlySpan<byte> PeriodNanoseconds => "period_ns"u8;
    public static ReadOnlySpan<byte> FrameDim => "frame_dim"u8;
    public static ReadOnlySpan<byte> ActionDim => "action_dim"u8;
    public static ReadOnlySpan<byte> StartedNanoseconds => "started_ns"u8;

    public static ReadOnlySpan<byte> Cycle => "i"u8;
    public static ReadOnlySpan<byte> Kind => "kind"u8;
    public static ReadOnlySpan<byte> Sequence => "seq"u8;
    public static ReadOnlySpan<byte> RobotTime => "ts_ns"u8;
    public static ReadOnlySpan<byte> Received => "rx_ns"u8;
    public static ReadOnlySpan<byte> Decode => "decode_ns"u8;
    public static ReadOnlySpan<byte> Inference => "infer_ns"u8;
    public static ReadOnlySpan<byte> Encode => "encode_ns"u8;
    public static ReadOnlySpan<byte> SendTime => "send_ns"u8;
    public static ReadOnlySpan<byte> Sent => "tx_ns"u8;
    public static ReadOnlySpan<byte> Mode => "mode"u8;
    public static ReadOnlySpan<byte> Safety => "safety"u8;
    public static ReadOnlySpan<byte> Reset => "reset"u8;
    public static ReadOnlySpan<byte> Observation => "obs"u8;
    public static ReadOnlySpan<byte> PolicyOutput => "policy"u8;
    public static ReadOnlySpan<byte> Targets => "targets"u8;

    /// <summary>Pairs in a cycle map: the scalars always, obs and policy only when the policy ran.</summary>
    public const int ScalarPairs = 14;
}
