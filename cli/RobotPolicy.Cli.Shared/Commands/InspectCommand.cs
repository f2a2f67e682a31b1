using System.CommandLine;
using System.Globalization;
using RobotPolicy.Exporter.Onnx;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>`robotpolicy inspect`: what a bundle is, where it came from, and whether its weights are the ones it claims.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "policy bundle (.onnx)" };
        var json = new Option<bool>("--json") { Description = "print the metadata JSON only" };
        var command = new Command("inspect", "Print a bundle's metadata, inputs/outputs, provenance, opset and weights-hash check") { bundle, json };
        command.SetAction(parse => CommandGuard.Run("inspect", () =>
        {
            var file = BundleFile.Read(parse.GetRequiredValue(bundle));
            if (parse.GetValue(json))
            {
                Console.WriteLine(RobotPolicy.Bundle.PolicyMetadataJson.Serialize(file.Metadata));
                return file.WeightsHashMatches ? 0 : CommandGuard.UserError;
            }
            Print(file);
            return file.WeightsHashMatches ? 0 : CommandGuard.UserError;
        }));
        return command;
    }

    public static void Print(BundleFile f)
    {
        var m = f.Metadata;
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value");
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("file", f.Path);
        Row("format", $"ONNX IR {f.IrVersion}, opset {f.Opset}, producer {f.Producer}, metadata schema {m.SchemaVersion}");
        Row("inputs", string.Join("; ", f.Inputs));
        Row("outputs", string.Join("; ", f.Outputs));
        Row("graph", $"{f.NodeCount} nodes, {f.ParameterCount:N0} parameters");
        Row("observation", $"{m.Observation.FrameDim} values per frame, {m.Observation.InputDim} stacked ({m.Observation.HistoryLayout}, history init {m.Observation.HistoryInit})");
        Row("  terms", string.Join(", ", m.Observation.Terms.Select(t => t.History > 1 ? $"{t.Name}[{t.Dim}]x{t.History}" : $"{t.Name}[{t.Dim}]")));
        Row("actions", $"{m.Action.Names.Count}: {string.Join(", ", m.Action.Names)}");
        Row("  in graph", $"normalization {(m.Processing.ObservationNormalization ? "yes" : "no")}" +
            (m.Processing.NormalizedObservationClip is float c ? $" (clip ±{c.ToString(inv)})" : "") +
            $", action scale/offset/clip {(m.Processing.ActionPostProcessing ? "yes" : "no")}");
        if (m.Action.Kp is not null)
        {
            Row("  gains", $"kp {Summary(m.Action.Kp)}, kd {Summary(m.Action.Kd)}");
        }
        Row("control", $"period {(m.Control.PeriodSeconds * 1000).ToString("0.###", inv)} ms ({(1 / m.Control.PeriodSeconds).ToString("0.##", inv)} Hz), decimation {m.Control.Decimation}");
        var p = m.Provenance;
        Row("provenance", $"domain {Or(p.Domain)}, method {Or(p.Method)}, agent {Or(p.Agent)}, seed {p.Seed?.ToString(inv) ?? "-"}, steps {p.TrainingSteps?.ToString("N0", inv) ?? "-"}, git {p.GitRevision ?? "-"}");
        if (!string.IsNullOrEmpty(p.Notes))
        {
            Row("  notes", p.Notes);
        }
        Row("training", m.Training is { } t
            ? $"method {t.Method}, domain {t.Domain}, seed {t.Seed?.ToString(inv)}, {t.EnvironmentSteps?.ToString("N0", inv)} env steps"
            : "not recorded");
        Row("exported", $"{m.Export.CreatedUtc} by {m.Export.Exporter} {m.Export.ExporterVersion} from {m.Export.SourceDescription}");
        table.AddRow(new Markup("weights sha256"), new Markup(f.WeightsHashMatches
            ? $"[green]ok[/] {m.WeightsSha256} (over the {Markup.Escape(f.Hash.Scheme)})"
            : $"[red]MISMATCH[/]: metadata says {m.WeightsSha256}, the {Markup.Escape(f.Hash.Scheme)} hashes to {f.ComputedWeightsSha256}: modified after export"));
        AnsiConsole.Write(table);
    }

    private static string Or(string s) => string.IsNullOrEmpty(s) ? "-" : s;

    private static string Summary(float[]? values)
    {
        if (values is null)
        {
            return "-";
        }
        float min = values.Min(), max = values.Max();
        return min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}";
    }
}
