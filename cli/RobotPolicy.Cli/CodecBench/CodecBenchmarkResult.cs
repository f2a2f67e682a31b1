using RobotPolicy.Bridge.Benchmarks;

namespace RobotPolicy.Cli.CodecBench;

/// <summary>What `bench codec` measured (bench-codec.json, snake_case).</summary>
internal sealed record CodecBenchmarkResult(
    string Command,
    string Machine,
    string CsharpJob,
    string Node,
    string JsPackage,
    string JsOptions,
    int SensorMessageBytes,
    int ActionMessageBytes,
    bool SameBytesOnTheWire,
    string EarlierCodec,
    IReadOnlyList<CodecBenchmarkRow> Rows,
    IReadOnlyList<CodecGoal> Goals,
    bool GoalsMet);

/// <summary>
/// One operation, side by side. Times are nanoseconds per operation, the median iteration (BenchmarkDotNet) or round
/// (node); operations per second are 1e9 over it; the ratio is the C# side's throughput over JavaScript's. The
/// earlier figure is the replaced hand-written codec's, recorded (<see cref="CodecBench.EarlierCodec"/>).
/// </summary>
internal sealed record CodecBenchmarkRow(
    string Name,
    string Description,
    double CsharpNsPerOp,
    double CsharpMeanNs,
    double CsharpStdDevNs,
    double CsharpOpsPerSecond,
    long? CsharpAllocatedBytesPerOp,
    double? JsNsPerOp,
    double? JsOpsPerSecond,
    double? ThroughputRatio,
    double? EarlierNsPerOp);

/// <summary>One of the issue's goals, what was measured against it, and whether it is met.</summary>
internal sealed record CodecGoal(string Goal, string Measured, bool Met);

/// <summary>Puts the two sides' figures together and checks them against the robot-bridge issue's goals.</summary>
internal static class CodecBenchmarkResults
{
    public const string Headline = nameof(CodecBenchmarks.SensorFrame64_EncodeDecode);
    public const double MaxHeadlineNs = 1000;
    public const double MinThroughputRatio = 2;

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [nameof(CodecBenchmarks.SensorFrame64_EncodeDecode)] = "sensor frame, 64 float32 values: encode, then decode into a float buffer",
        [nameof(CodecBenchmarks.SensorFrame64_Encode)] = "sensor frame, 64 values: encode",
        [nameof(CodecBenchmarks.SensorFrame64_Decode)] = "sensor frame, 64 values: decode",
        [nameof(CodecBenchmarks.ActionFrame12_EncodeDecode)] = "action frame, 12 float32 targets: encode, then decode",
        [nameof(CodecBenchmarks.SensorFrame64_EncodeDecode_StreamFramed)] = "sensor frame, 64 values, as a byte-stream frame: encode, COBS + CRC-32C, deframe, decode (no JS counterpart)",
        [nameof(CodecBenchmarks.SensorFrame64_EncodeDecode_Datagram)] = "sensor frame, 64 values, as a datagram: encode, seal with CRC-32C, open, decode (no JS counterpart)",
    };

    public static CodecBenchmarkResult Combine(
        string command, string machine, string csharpJob, IReadOnlyList<CodecMeasurement> csharp, JavaScriptRun javaScript,
        int sensorBytes, int actionBytes, bool sameBytes)
    {
        var js = javaScript.Measurements.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var rows = csharp.Select(c =>
        {
            JavaScriptMeasurement? peer = js.GetValueOrDefault(c.Name);
            return new CodecBenchmarkRow(c.Name, Descriptions.GetValueOrDefault(c.Name, c.Name), c.MedianNs, c.MeanNs, c.StdDevNs,
                1e9 / c.MedianNs, c.AllocatedBytesPerOperation, peer?.MedianNs, peer is null ? null : 1e9 / peer.MedianNs,
                peer is null ? null : peer.MedianNs / c.MedianNs, CodecBench.EarlierCodec.NsPerOp.TryGetValue(c.Name, out double earlier) ? earlier : null);
        }).ToList();
        var goals = Goals(rows, sameBytes);
        return new CodecBenchmarkResult(command, machine, csharpJob, javaScript.Node, javaScript.Package, javaScript.Options,
            sensorBytes, actionBytes, sameBytes, CodecBench.EarlierCodec.Info, rows, goals, goals.All(g => g.Met));
    }

    private static List<CodecGoal> Goals(IReadOnlyList<CodecBenchmarkRow> rows, bool sameBytes)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var goals = new List<CodecGoal>();
        if (rows.FirstOrDefault(r => r.Name == Headline) is { } headline)
        {
            goals.Add(new CodecGoal($"{Headline} under 1 µs", $"{headline.CsharpNsPerOp.ToString("0.0", inv)} ns", headline.CsharpNsPerOp < MaxHeadlineNs));
            goals.Add(new CodecGoal($"{Headline} allocates 0 bytes",
                headline.CsharpAllocatedBytesPerOp is long b ? $"{b} B" : "not measured", headline.CsharpAllocatedBytesPerOp == 0));
        }
        var compared = rows.Where(r => r.ThroughputRatio is not null).ToList();
        if (compared.Count > 0)
        {
            var weakest = compared.MinBy(r => r.ThroughputRatio!.Value)!;
            goals.Add(new CodecGoal($"throughput at least {MinThroughputRatio}x @msgpack/msgpack's on every operation compared",
                $"{weakest.ThroughputRatio!.Value.ToString("0.0", inv)}x at the least ({weakest.Name}); " +
                string.Join(", ", compared.Select(r => $"{r.Name} {r.ThroughputRatio!.Value.ToString("0.0", inv)}x")),
                weakest.ThroughputRatio!.Value >= MinThroughputRatio));
        }
        else
        {
            goals.Add(new CodecGoal($"throughput at least {MinThroughputRatio}x @msgpack/msgpack's on every operation compared", "nothing compared", false));
        }
        goals.Add(new CodecGoal("both sides put the same bytes on the wire", sameBytes ? "identical" : "different", sameBytes));
        return goals;
    }
}
