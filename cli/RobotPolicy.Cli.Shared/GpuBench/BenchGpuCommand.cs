using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Cli.Commands;
using RobotPolicy.Runtime.Benchmarks;
using RobotPolicy.Runtime.Diagnostics;
using RobotPolicy.Runtime.Session;
using Spectre.Console;

namespace RobotPolicy.Cli.GpuBench;

/// <summary>
/// `bench gpu`: on a machine with an NVIDIA GPU, `bench infer` with the CPU, CUDA, CUDA as a CUDA graph and TensorRT,
/// and a batch sweep on the CPU and on CUDA that shows from which batch size CUDA overtakes the CPU; gpu.json and a
/// self-contained gpu.html. Where CUDA cannot start it measures nothing and says why in one line.
/// </summary>
internal static class BenchGpuCommand
{
    public static readonly int[] DefaultBatches = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "policy bundle (.onnx)" };
        var steps = new Option<int>("--steps") { Description = "measured steps per configuration (and runs per batch size)", DefaultValueFactory = _ => 20_000 };
        var output = new Option<string>("--out", "-o") { Description = "folder for gpu.json and gpu.html", DefaultValueFactory = _ => "bench-gpu" };
        var command = new Command("gpu", "GPU check: bench infer on cpu, cuda, cuda with CUDA graphs and tensorrt, and a batch sweep (1 to 4096) on cpu and cuda")
        {
            bundle, steps, output,
        };
        command.SetAction(parse => CommandGuard.Run("bench gpu", () =>
        {
            string path = parse.GetRequiredValue(bundle);
            int n = parse.GetValue(steps) is var s && s > 0 ? s : throw new CliUsageException($"--steps must be positive, got {s}");
            var cuda = ExecutionProviders.Probe(ExecutionProviders.Cuda);
            if (!cuda.Starts)
            {
                throw new CliUsageException($"no usable NVIDIA GPU: {cuda.Failure}; nothing was measured " +
                    (cuda.InBuild ? "(run it on a machine with an NVIDIA GPU, its driver and CUDA 13)" : $"(build with {ExecutionProviders.GpuBuildProperty})"));
            }
            var result = Measure(path, n);
            string dir = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(dir);
            AtomicFile.WriteAllText(Path.Combine(dir, "gpu.json"), RuntimeJson.Serialize(result));
            AtomicFile.WriteAllText(Path.Combine(dir, "gpu.html"), GpuReport.Html(result));
            Print(result);
            AnsiConsole.MarkupLine($"wrote {Markup.Escape(Path.Combine(dir, "gpu.json"))} and the report [bold]{Markup.Escape(Path.Combine(dir, "gpu.html"))}[/]");
            return 0;
        }));
        return command;
    }

    private static GpuBenchResult Measure(string bundle, int steps)
    {
        var options = new InferenceBenchmarkOptions { Steps = steps, Warmup = Math.Min(2_000, steps) };
        var configurations = new (string Name, PolicySessionOptions Session)[]
        {
            ("cpu", new PolicySessionOptions { Provider = ExecutionProviders.Cpu }),
            ("cuda", new PolicySessionOptions { Provider = ExecutionProviders.Cuda }),
            ("cuda, CUDA graph", new PolicySessionOptions { Provider = ExecutionProviders.Cuda, CudaGraph = true }),
            ("tensorrt", new PolicySessionOptions { Provider = ExecutionProviders.TensorRt }),
        };
        var rows = new List<GpuProviderRow>();
        foreach (var (name, session) in configurations)
        {
            AnsiConsole.MarkupLine($"bench infer, {Markup.Escape(name)} ...");
            try
            {
                rows.Add(new GpuProviderRow(name, BenchInferCommand.Measure(bundle, session, options, quiet: true), null));
            }
            catch (Exception e) when (e is PolicySessionException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                rows.Add(new GpuProviderRow(name, null, e.Message.Split('\n')[0]));
            }
        }
        var sweeps = new List<BatchBenchmarkResult>();
        foreach (string provider in new[] { ExecutionProviders.Cpu, ExecutionProviders.Cuda })
        {
            AnsiConsole.MarkupLine($"batch sweep, {provider} ...");
            using var session = PolicySession.Open(bundle, new PolicySessionOptions { Provider = provider });
            sweeps.Add(BatchBenchmark.Run(session, DefaultBatches, runs: Math.Max(20, steps / 100), warmup: 10));
        }
        int? overtakes = sweeps[1].Batches.Zip(sweeps[0].Batches)
            .FirstOrDefault(p => p.First.Run.P50Us < p.Second.Run.P50Us).First?.Batch;
        return new GpuBenchResult(bundle, MachineDescription.Current, GpuName(), rows, sweeps, overtakes);
    }

    /// <summary>The GPU as nvidia-smi names it (with its driver), or what stood in the way.</summary>
    private static string GpuName()
    {
        try
        {
            using var smi = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=name,driver_version,memory.total --format=csv,noheader")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            string text = smi.StandardOutput.ReadToEnd().Trim();
            smi.WaitForExit(10_000);
            return smi.ExitCode == 0 && text.Length > 0 ? text.Replace('\n', ';') : "unknown (nvidia-smi failed)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no nvidia-smi)";
        }
    }

    private static void Print(GpuBenchResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Bundle)}[/] on {Markup.Escape(r.Gpu)}; {Markup.Escape(r.Machine)}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("configuration")
            .AddColumn(new TableColumn("Step p50 µs").RightAligned()).AddColumn(new TableColumn("Step p99 µs").RightAligned())
            .AddColumn(new TableColumn("bare Run p99 µs").RightAligned()).AddColumn(new TableColumn("bytes/step").RightAligned());
        foreach (var row in r.Providers)
        {
            if (row.Result is { } m)
            {
                table.AddRow(Markup.Escape(row.Configuration), m.Step.P50Us.ToString("0.0", inv), m.Step.P99Us.ToString("0.0", inv),
                    m.BareOrtRun.P99Us.ToString("0.0", inv), m.AllocatedBytesPerStep.ToString("0.##", inv));
            }
            else
            {
                table.AddRow(Markup.Escape(row.Configuration), "[red]failed[/]", Markup.Escape(row.Failure ?? ""), "", "");
            }
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(r.CudaOvertakesCpuAtBatch is int b
            ? $"CUDA's bare run is faster than the CPU's from batch {b} on"
            : "CUDA's bare run was not faster than the CPU's at any batch size measured");
    }
}
