using System.CommandLine;
using System.Globalization;
using RobotPolicy.Bundle;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Exporter.Reference;
using RobotPolicy.Runtime.Benchmarks;
using RobotPolicy.Runtime.Session;
using Spectre.Console;
using RobotPolicy.Cli.Parsing;

namespace RobotPolicy.Cli.Commands;

/// <summary>`robotpolicy bench infer`: step latency of the runtime versus bare ONNX Runtime and the C# reference.</summary>
internal static class BenchInferCommand
{
    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "policy bundle (.onnx)" };
        var steps = new Option<int>("--steps") { Description = "measured steps per operation", DefaultValueFactory = _ => 20_000 };
        steps.InRange(1, 100_000_000);
        var warmup = new Option<int>("--warmup") { Description = "unmeasured steps first", DefaultValueFactory = _ => 2_000 };
        warmup.InRange(0, 10_000_000);
        var sessionArgs = new SessionArguments();
        var json = new Option<bool>("--json") { Description = "print the result as JSON instead of a table" };
        var output = new Option<string?>("--out", "-o") { Description = "also write the JSON result to this file" };
        var hgrm = HgrmOption.Create("runtime Step's");
        var batch = new Option<string?>("--batch") { Description = "instead: bare ONNX Runtime runs on batches of this many observations, e.g. 1,8,64,512,4096 (--steps runs per batch size)" };
        var command = new Command("infer", "Measure policy step latency: runtime Step vs bare ORT Run vs C# reference forward, and allocations per step")
        {
            bundle, steps, warmup, json, output, hgrm, batch,
        };
        foreach (var option in sessionArgs.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandGuard.Run("bench infer", () =>
        {
            var options = new InferenceBenchmarkOptions { Steps = parse.GetValue(steps), Warmup = parse.GetValue(warmup) };
            if (parse.GetValue(batch) is { } batchList)
            {
                return BenchBatches(parse.GetRequiredValue(bundle), sessionArgs.Read(parse), BatchSizeList.Parse("--batch", batchList, 1 << 20, "1,8,64,512,4096"), options, parse.GetValue(json), parse.GetValue(output));
            }
            var result = Measure(parse.GetRequiredValue(bundle), sessionArgs.Read(parse), options, quiet: parse.GetValue(json));
            string text = RuntimeJson.Serialize(result);
            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.WriteAllText(path, text);
            }
            var hgrmFiles = parse.GetValue(hgrm) is { } hgrmPath ? HgrmOption.Write(hgrmPath, result.Distributions) : [];
            if (parse.GetValue(json))
            {
                Console.WriteLine(text);
            }
            else
            {
                Print(result);
                HgrmOption.Report(hgrmFiles, quiet: false);
            }
            return 0;
        }));
        return command;
    }

    public static InferenceBenchmarkResult Measure(string bundlePath, PolicySessionOptions sessionOptions, InferenceBenchmarkOptions options, bool quiet)
    {
        using var session = PolicySession.Open(bundlePath, sessionOptions);
        // On stderr, so --json output stays JSON and a fallback is still said.
        SessionArguments.Warn(session);
        PolicyForward? reference = null;
        try
        {
            var forward = new ReferenceForward(BundleFile.Read(bundlePath).ToPolicy());
            reference = forward.Forward;
        }
        catch (BundleFormatException e)
        {
            if (!quiet)
            {
                AnsiConsole.MarkupLine($"[yellow]note:[/] no C# reference for this bundle: {Markup.Escape(e.Message)}");
            }
        }
        if (quiet)
        {
            return InferenceBenchmark.Run(session, reference, options);
        }
        InferenceBenchmarkResult? result = null;
        Output.CliProgress.Run(
            live => live.Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()),
            board =>
            {
                var task = board.Add($"bench infer ({options.Steps:N0} steps x {(reference is null ? 2 : 3)})", maxValue: 1.0);
                result = InferenceBenchmark.Run(session, reference, options, new Progress<double>(v => task.Value = v));
                task.Value = 1.0;
            });
        return result!;
    }

    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();

    public static void Print(InferenceBenchmarkResult r)
    {
        Log.Info("bench infer {Bundle} on {Provider}: step p50 {P50} us p99 {P99} us, bare ORT p99 {BareP99} us, ratio {Ratio}, {Alloc} bytes/step",
            r.Bundle, r.Provider, r.Step.P50Us, r.Step.P99Us, r.BareOrtRun.P99Us, r.StepOverBareP99, r.AllocatedBytesPerStep);
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Bundle)}[/]: {r.FrameDim} obs/frame -> {r.InputDim} stacked -> {r.ActionDim} actions, provider {r.Provider}");
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(r.Machine)}[/]");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("operation").AddColumn(new TableColumn("count").RightAligned())
            .AddColumn(new TableColumn("mean µs").RightAligned()).AddColumn(new TableColumn("p50").RightAligned())
            .AddColumn(new TableColumn("p90").RightAligned()).AddColumn(new TableColumn("p99").RightAligned())
            .AddColumn(new TableColumn("p99.9").RightAligned()).AddColumn(new TableColumn("max").RightAligned());
        foreach (var s in new[] { r.Step, r.BareOrtRun, r.Reference })
        {
            if (s is null)
            {
                continue;
            }
            table.AddRow(s.Name, s.Count.ToString("N0", inv), F(s.MeanUs), F(s.P50Us), F(s.P90Us), F(s.P99Us), F(s.P999Us), F(s.MaxUs));
        }
        AnsiConsole.Write(table);
        string ratioColor = r.StepOverBareP99 <= 1.5 ? "green" : "red";
        string allocColor = r.AllocatedBytesPerStep == 0 ? "green" : "red";
        AnsiConsole.MarkupLine(
            $"Step p99 / bare ORT p99 = [{ratioColor}]{r.StepOverBareP99.ToString("0.00", inv)}[/] (goal <= 1.5); allocated per step: [{allocColor}]{r.AllocatedBytesPerStep.ToString("0.##", inv)} bytes[/]");
        if (r.Reference is { } reference)
        {
            AnsiConsole.MarkupLine($"Step p50 / C# reference p50 = {(r.Step.P50Us / reference.P50Us).ToString("0.00", inv)}");
        }

        static string F(double us) => us.ToString(us < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
    }

    private static int BenchBatches(string bundlePath, PolicySessionOptions sessionOptions, IReadOnlyList<int> batches,
        InferenceBenchmarkOptions options, bool json, string? output)
    {
        using var session = PolicySession.Open(bundlePath, sessionOptions);
        SessionArguments.Warn(session);
        var result = BatchBenchmark.Run(session, batches, options.Steps, Math.Max(1, options.Warmup / 10));
        string text = RuntimeJson.Serialize(result);
        if (output is not null)
        {
            AtomicFile.WriteAllText(output, text);
        }
        if (json)
        {
            Console.WriteLine(text);
            return 0;
        }
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(result.Bundle)}[/]: bare ONNX Runtime runs by batch size, provider {result.Provider}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("batch").RightAligned())
            .AddColumn(new TableColumn("p50 µs").RightAligned()).AddColumn(new TableColumn("p99 µs").RightAligned())
            .AddColumn(new TableColumn("µs / observation").RightAligned()).AddColumn(new TableColumn("observations / s").RightAligned());
        foreach (var m in result.Batches)
        {
            table.AddRow(m.Batch.ToString("N0", inv), m.Run.P50Us.ToString("0.0", inv), m.Run.P99Us.ToString("0.0", inv),
                m.MicrosecondsPerObservation.ToString("0.000", inv), m.ObservationsPerSecond.ToString("N0", inv));
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
