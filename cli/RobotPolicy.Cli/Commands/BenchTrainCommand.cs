using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RobotPolicy.Trainer.Bench;
using RobotPolicy.Trainer.Domains.PointMass;
using Spectre.Console;
using RobotPolicy.Cli.Parsing;

namespace RobotPolicy.Cli.Commands;

/// <summary>The result of `bench train`.</summary>
internal sealed record TrainBenchmarkResult(
    string Shape, int Threads, double TorchSharpSecondsPerUpdate, double? TorchSharpBusyCoreSecondsPerUpdate,
    double EngineSecondsPerUpdate, string EngineInfo, double? TorchSecondsPerUpdate, string TorchInfo,
    double? RatioToPyTorch, double RatioToEngine, double PointMassStepsPerSecond, int PointMassEnvs, string Machine);

/// <summary>
/// `robotpolicy bench train`: one PPO update (batch 4096, MLP 2x256, 4 epochs x 4 minibatches, forward + backward +
/// Adam) in the trainer (TorchSharp) and in PyTorch on the same machine (Debian python3-torch), beside the last
/// measurement of the trainer's earlier hand-written engine, and the point-mass domain's stepping rate.
/// </summary>
internal static class BenchTrainCommand
{
    public static Command Create()
    {
        var updates = new Option<int>("--updates") { Description = "timed updates per side (median reported)", DefaultValueFactory = _ => 5 };
        updates.InRange(1, 1000);
        var threads = new Option<int>("--threads") { Description = "threads for TorchSharp and PyTorch", DefaultValueFactory = _ => 2 };
        threads.InRange(1, 1024);
        var busy = new Option<bool>("--busy-core") { Description = "also time TorchSharp with one other core kept busy (a loaded machine)" };
        var json = new Option<bool>("--json") { Description = "print the result as JSON" };
        var output = new Option<string?>("--out", "-o") { Description = "also write the JSON result to this file" };
        var command = new Command("train", "Time one PPO update in C# against PyTorch, and environment stepping") { updates, threads, busy, json, output };
        command.SetAction(parse => CommandGuard.Run("bench train", () =>
        {
            var shape = new PpoUpdateShape();
            int n = parse.GetValue(updates);
            bool quiet = parse.GetValue(json);
            int threadCount = parse.GetValue(threads);
            if (!quiet) AnsiConsole.MarkupLine($"timing {n} PPO updates in TorchSharp ...");
            double torchSharp = PpoUpdateBenchmark.MedianSecondsPerUpdate(shape, n, threadCount);
            double? busyCore = null;
            if (parse.GetValue(busy))
            {
                if (!quiet) AnsiConsole.MarkupLine($"timing {n} PPO updates in TorchSharp with one core busy ...");
                using var load = new BusyCore();
                busyCore = PpoUpdateBenchmark.MedianSecondsPerUpdate(shape, n, threadCount);
            }
            if (!quiet) AnsiConsole.MarkupLine($"timing {n} PPO updates in PyTorch ...");
            var (torchSeconds, torchInfo) = RunTorch(shape, n, threadCount);
            if (!quiet) AnsiConsole.MarkupLine("measuring point-mass stepping ...");
            var stepping = PointMassEnv.MeasureStepsPerSecond();
            var result = new TrainBenchmarkResult(
                $"obs {shape.ObsDim}, act {shape.ActDim}, hidden {string.Join("x", shape.HiddenSizes)}, batch {shape.Batch}, {shape.Epochs} epochs x {shape.Minibatches} minibatches",
                threadCount, torchSharp, busyCore, EarlierEngine.SecondsPerUpdate, EarlierEngine.Info, torchSeconds, torchInfo,
                torchSeconds is double t ? torchSharp / t : null, torchSharp / EarlierEngine.SecondsPerUpdate,
                stepping.StepsPerSecond, stepping.NumEnvs, RobotPolicy.Runtime.Diagnostics.MachineDescription.Current);
            return BenchOutput.Emit(CliJson.Serialize(result), parse.GetValue(output), quiet, () => Print(result));
        }));
        return command;
    }

    private static void Print(TrainBenchmarkResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        string Ms(double seconds) => $"{(seconds * 1000).ToString("0", inv)} ms";
        table.AddRow($"PPO update, TorchSharp ({r.Threads} threads)", Ms(r.TorchSharpSecondsPerUpdate));
        if (r.TorchSharpBusyCoreSecondsPerUpdate is double busy)
        {
            table.AddRow("PPO update, TorchSharp, one other core busy", Ms(busy));
        }
        table.AddRow("PPO update, earlier hand-written engine (recorded)", Ms(r.EngineSecondsPerUpdate));
        table.AddRow("PPO update, PyTorch", r.TorchSecondsPerUpdate is double t ? Ms(t) : "n/a");
        table.AddRow("TorchSharp / PyTorch (goal <= 0.5)", r.RatioToPyTorch is double ratio ? ratio.ToString("0.00", inv) : "n/a");
        table.AddRow("TorchSharp / earlier engine (goal <= 1.0)", r.RatioToEngine.ToString("0.00", inv));
        table.AddRow($"point-mass env steps/s ({r.PointMassEnvs} envs)", r.PointMassStepsPerSecond.ToString("N0", inv));
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Shape)}[/]");
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(r.Machine)}; {Markup.Escape(r.TorchInfo)}[/]");
        AnsiConsole.MarkupLine($"[grey]earlier engine: {Markup.Escape(r.EngineInfo)}[/]");
        AnsiConsole.Write(table);
        if (r.TorchSecondsPerUpdate is not null && !r.TorchInfo.Contains("openblas", StringComparison.Ordinal))
        {
            CliWarnings.Write("PyTorch is not running on OpenBLAS, so it is not a fair peer (the reference BLAS is about 5x slower); apt-get install libopenblas0-pthread");
        }
    }

    private static (double? Seconds, string Info) RunTorch(PpoUpdateShape shape, int updates, int threads)
    {
        const string python = "/usr/bin/python3";
        string script = Path.Combine(AppContext.BaseDirectory, "Bench", "ppo_update_torch.py");
        if (!File.Exists(python) || !File.Exists(script))
        {
            return (null, "PyTorch side not run: /usr/bin/python3 or the script is missing (apt-get install python3-torch libopenblas0-pthread)");
        }
        string args = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["obs_dim"] = shape.ObsDim, ["act_dim"] = shape.ActDim, ["hidden"] = shape.HiddenSizes, ["batch"] = shape.Batch,
            ["epochs"] = shape.Epochs, ["minibatches"] = shape.Minibatches, ["updates"] = updates, ["threads"] = threads,
        }, CliJsonContext.Default.DictionaryStringObject);
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(args);
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            return (null, $"PyTorch side failed (python3-torch installed?): {stderr.Trim().Split('\n').LastOrDefault()}");
        }
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        return (root.GetProperty("seconds_per_update").GetDouble(),
            $"torch {root.GetProperty("torch").GetString()}, {root.GetProperty("threads").GetInt32()} threads, {root.GetProperty("blas").GetString()}");
    }
}
