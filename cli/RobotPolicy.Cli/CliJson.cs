using System.Text.Json;
using System.Text.Json.Serialization;

namespace RobotPolicy.Cli;

/// <summary>JSON output of CLI results (snake_case, source-generated for NativeAOT).</summary>
internal static class CliJson
{
    public static string Serialize(Commands.TrainBenchmarkResult result) =>
        JsonSerializer.Serialize(result, CliJsonContext.Default.TrainBenchmarkResult);

    public static string Serialize(Commands.ImitationSummary summary) =>
        JsonSerializer.Serialize(summary, CliJsonContext.Default.ImitationSummary);

    public static string Serialize(Commands.TrainSummary summary) =>
        JsonSerializer.Serialize(summary, CliJsonContext.Default.TrainSummary);

    public static string Serialize(Commands.SimRobotReport report) =>
        JsonSerializer.Serialize(report, CliJsonContext.Default.SimRobotReport);

    public static string Serialize(Commands.MuJoCoBenchmarkResult result) =>
        JsonSerializer.Serialize(result, CliJsonContext.Default.MuJoCoBenchmarkResult);

    public static string Serialize(CodecBench.CodecBenchmarkResult result) =>
        JsonSerializer.Serialize(result, CliJsonContext.Default.CodecBenchmarkResult);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(Commands.TrainBenchmarkResult))]
[JsonSerializable(typeof(Commands.MuJoCoBenchmarkResult))]
[JsonSerializable(typeof(Commands.ImitationSummary))]
[JsonSerializable(typeof(Commands.TrainSummary))]
[JsonSerializable(typeof(Commands.SimRobotReport))]
[JsonSerializable(typeof(CodecBench.CodecBenchmarkResult))]
[JsonSerializable(typeof(Experiments.Results.ExperimentResults))]
[JsonSerializable(typeof(Experiments.Execution.RunRecord))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
