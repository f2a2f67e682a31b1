using System.CommandLine;
using RobotPolicy.Exporter.Examples;
using RobotPolicy.Exporter.Model;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>`robotpolicy example`: writes the built-in example as trainer output (model.json + weights.safetensors).</summary>
internal static class ExampleCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "folder to write model.json and weights.safetensors into", Required = true };
        var seed = new Option<int>("--seed") { Description = "weights seed", DefaultValueFactory = _ => 7 };
        var command = new Command("example", "Write the built-in example policy as a model description + safetensors weights (the exporter's input format)")
        {
            output, seed,
        };
        command.SetAction(parse => CommandGuard.Run("example", () =>
        {
            var (description, tensors) = ExamplePolicy.Create(parse.GetValue(seed));
            string path = ModelFiles.Save(parse.GetRequiredValue(output), description, tensors);
            AnsiConsole.MarkupLine($"[green]wrote[/] {Markup.Escape(path)} and {Markup.Escape(description.Weights)}");
            return 0;
        }));
        return command;
    }
}
