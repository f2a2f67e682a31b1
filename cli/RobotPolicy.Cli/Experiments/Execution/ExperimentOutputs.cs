using System.Text.Json;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Cli.Experiments.Report;
using RobotPolicy.Cli.Experiments.Results;

namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>Writes results.json, results.md and report.html into the experiment folder, each atomically.</summary>
internal static class ExperimentOutputs
{
    public const string Json = "results.json";
    public const string Markdown = "results.md";
    public const string Report = "report.html";

    public static void Write(string directory, ExperimentResults results, ReportCurves curves)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, Json), JsonSerializer.Serialize(results, CliJsonContext.Default.ExperimentResults));
        AtomicFile.WriteAllText(Path.Combine(directory, Markdown), ResultsMarkdown.Write(results));
        AtomicFile.WriteAllText(Path.Combine(directory, Report), HtmlReport.Write(results, curves));
    }
}
