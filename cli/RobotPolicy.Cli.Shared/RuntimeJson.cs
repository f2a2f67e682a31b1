using System.Text.Json;
using System.Text.Json.Serialization;
using RobotPolicy.Runtime.Benchmarks;

namespace RobotPolicy.Cli;

/// <summary>JSON output of the shared runtime-side commands (snake_case, source-generated for NativeAOT), as <c>CliJson</c> writes robotpolicy's.</summary>
internal static class RuntimeJson
{
    public static string Serialize(InferenceBenchmarkResult result) =>
        JsonSerializer.Serialize(result, RuntimeJsonContext.Default.InferenceBenchmarkResult);

    public static string Serialize(Commands.ControlRunReport report) =>
        JsonSerializer.Serialize(report, RuntimeJsonContext.Default.ControlRunReport);

    public static string Serialize(RobotPolicy.Control.Hil.HilResult result) =>
        JsonSerializer.Serialize(result, RuntimeJsonContext.Default.HilResult);

    public static string Serialize(GpuBench.GpuBenchResult result) =>
        JsonSerializer.Serialize(result, RuntimeJsonContext.Default.GpuBenchResult);

    public static string Serialize(BatchBenchmarkResult result) =>
        JsonSerializer.Serialize(result, RuntimeJsonContext.Default.BatchBenchmarkResult);

    public static string Serialize(HilBench.SerialBenchResult result) =>
        JsonSerializer.Serialize(result, RuntimeJsonContext.Default.SerialBenchResult);

    public static string Serialize(Commands.FirstStepResult result) =>
        JsonSerializer.Serialize(result, RuntimeJsonContext.Default.FirstStepResult);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(InferenceBenchmarkResult))]
[JsonSerializable(typeof(BatchBenchmarkResult))]
[JsonSerializable(typeof(GpuBench.GpuBenchResult))]
[JsonSerializable(typeof(Commands.ControlRunReport))]
[JsonSerializable(typeof(Commands.FirstStepResult))]
[JsonSerializable(typeof(RobotPolicy.Control.Hil.HilResult))]
[JsonSerializable(typeof(HilBench.SerialBenchResult))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
