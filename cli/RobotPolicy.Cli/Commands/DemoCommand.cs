using System.CommandLine;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Examples;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Runtime.Benchmarks;
using RobotPolicy.Runtime.Session;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// `robotpolicy demo`: the main job on an embedded default. Until the trainer lands it walks the deploy half of the
/// story: write the example policy as trainer output, export it to a verified bundle, inspect it, and benchmark it.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "folder for everything the demo writes", DefaultValueFactory = _ => "robotpolicy-demo" };
        var steps = new Option<int>("--steps") { Description = "measured steps in the inference benchmark", DefaultValueFactory = _ => 20_000 };
        var command = new Command("demo", "Run the main job on the built-in example: example policy -> export -> inspect -> bench infer") { output, steps };
        command.SetAction(parse => CommandGuard.Run("demo", () =>
        {
            string dir = Path.GetFullPath(parse.GetValue(output)!);
            AnsiConsole.Write(new Rule("[bold]1. trainer output[/] (built-in example policy)").LeftJustified());
            var (description, tensors) = ExamplePolicy.Create();
            string modelPath = ModelFiles.Save(Path.Combine(dir, "checkpoint"), description, tensors);
            AnsiConsole.MarkupLine($"wrote {Markup.Escape(modelPath)} + {Markup.Escape(description.Weights)}");

            AnsiConsole.Write(new Rule("[bold]2. export[/]").LeftJustified());
            string bundle = Path.Combine(dir, "policy.onnx");
            ExportCommand.Print(PolicyExporter.Export(ModelFiles.Load(modelPath), bundle, modelPath));

            AnsiConsole.Write(new Rule("[bold]3. inspect[/]").LeftJustified());
            var file = BundleFile.Read(bundle);
            InspectCommand.Print(file);
            if (!file.WeightsHashMatches)
            {
                return CommandGuard.UserError;
            }

            AnsiConsole.Write(new Rule("[bold]4. bench infer[/]").LeftJustified());
            var result = BenchInferCommand.Measure(bundle, new PolicySessionOptions(),
                new InferenceBenchmarkOptions { Steps = Math.Max(1, parse.GetValue(steps)) }, quiet: false);
            BenchInferCommand.Print(result);
            string json = Path.Combine(dir, "bench-infer.json");
            AtomicFile.WriteAllText(json, CliJson.Serialize(result));
            AnsiConsole.MarkupLine($"[green]demo complete[/]: bundle {Markup.Escape(bundle)}, benchmark {Markup.Escape(json)}");
            return 0;
        }));
        return command;
    }
}
