using RobotPolicy.Bridge.Benchmarks;

namespace RobotPolicy.Cli.CodecBench;

/// <summary>
/// The last measurement of the bridge's hand-written MessagePack reader and writer, which MessagePack-CSharp
/// replaced: kept so `bench codec` shows the choice beside its predecessor (the code is gone; git history has it).
/// </summary>
internal static class EarlierCodec
{
    public const string Info =
        "the hand-written codec, recorded: the median of 3 `robotpolicy bench codec` runs at commit 30eb24f on 2026-12-03, " +
        "AMD EPYC, 2 logical cores, Debian 12, .NET 10.0.12; 0 B allocated on every row";

    /// <summary>Nanoseconds per operation, by benchmark.</summary>
    public static readonly IReadOnlyDictionary<string, double> NsPerOp = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [nameof(CodecBenchmarks.SensorFrame64_EncodeDecode)] = 369,
        [nameof(CodecBenchmarks.SensorFrame64_Encode)] = 102,
        [nameof(CodecBenchmarks.SensorFrame64_Decode)] = 233,
        [nameof(CodecBenchmarks.ActionFrame12_EncodeDecode)] = 271,
        [nameof(CodecBenchmarks.SensorFrame64_EncodeDecode_StreamFramed)] = 1677,
        [nameof(CodecBenchmarks.SensorFrame64_EncodeDecode_Datagram)] = 376,
    };
}
