using System.CommandLine;
using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Examples;
using RobotPolicy.Exporter.Model;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>`robotpolicy export`: model.json + safetensors (or the built-in example) to a verified policy bundle.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = new Argument<string?>("model")
        {
            Description = "model.json (or the folder holding it) written by the trainer",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var example = new Option<bool>("--example") { Description = "export the built-in example policy (48 obs x 3 frames -> 256 -> 256 -> 12, tanh) instead" };
        var seed = new Option<int>("--seed") { Description = "weights seed for --example", DefaultValueFactory = _ => 7 };
        var output = new Option<string>("--out", "-o") { Description = "policy bundle to write (.onnx)", Required = true };

        var command = new Command("export", "Export a trained policy to a policy bundle (.onnx with metadata), verified against the C# reference forward")
        {
            model, example, seed, output,
        };
        command.SetAction(parse => CommandGuard.Run("export", () =>
        {
            string? modelPath = parse.GetValue(model);
            bool useExample = parse.GetValue(example);
            if (useExample == (modelPath is not null))
            {
                throw new CliUsageException("give either a model.json path or --example (exactly one)");
            }
            var policy = useExample ? ExamplePolicy.CreatePolicy(parse.GetValue(seed)) : ModelFiles.Load(modelPath!);
            string source = useExample ? $"{ExamplePolicy.Name} (seed {parse.GetValue(seed)})" : Path.GetFullPath(modelPath!);
            var report = PolicyExporter.Export(policy, parse.GetRequiredValue(output), source);
            Print(report);
            return 0;
        }));
        return command;
    }

    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();

    public static void Print(ExportReport report)
    {
        Log.Info("exported {Path}: {Bytes} bytes, {Parameters} parameters, sha256 {Hash}, max |ORT - reference| {Error} over {Rows} rows",
            report.OutputPath, report.Bytes, report.Parameters, report.WeightsSha256, report.MaxAbsError, report.VerifiedRows);
        AnsiConsole.MarkupLine($"[green]exported[/] {Markup.Escape(report.OutputPath)}");
        AnsiConsole.MarkupLine(
            $"  {report.Bytes:N0} bytes, {report.Parameters:N0} parameters, weights sha256 {report.WeightsSha256[..16]}…");
        AnsiConsole.MarkupLine(
            $"  verified in ONNX Runtime on {report.VerifiedRows} random observations: max |ORT - reference| = {report.MaxAbsError:G3} (limit 1e-5)");
    }
}
