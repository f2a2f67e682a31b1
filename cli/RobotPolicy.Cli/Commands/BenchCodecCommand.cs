using System.CommandLine;
using System.Globalization;
using RobotPolicy.Bridge.Benchmarks;
using RobotPolicy.Cli.CodecBench;
using RobotPolicy.Runtime.Diagnostics;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// `robotpolicy bench codec`: the bridge codec under BenchmarkDotNet (in-process), then the same messages through
/// @msgpack/msgpack in node, side by side against the robot-bridge issue's goals; writes bench-codec.json and
/// bench-codec.html.
/// </summary>
internal static class BenchCodecCommand
{
    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();

    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "folder for bench-codec.json and bench-codec.html", DefaultValueFactory = _ => "bench-codec" };
        var quick = new Option<bool>("--quick") { Description = "fewer, shorter iterations on both sides (about 15 s instead of about 1 min); noisier figures" };
        var command = new Command("codec", "Benchmark the robot bridge's MessagePack codec (BenchmarkDotNet) against @msgpack/msgpack in node") { output, quick };
        command.SetAction(parse => CommandGuard.Run("bench codec", () =>
        {
            string folder = parse.GetValue(output)!;
            bool isQuick = parse.GetValue(quick);
            string commandLine = $"robotpolicy bench codec --out {folder}{(isQuick ? " --quick" : "")}";
            var result = Measure(isQuick, commandLine);
            var (json, html) = CodecBenchmarkReport.Write(result, folder);
            Print(result);
            AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(json)}[/] and [bold]{Markup.Escape(html)}[/]");
            return 0;
        }));
        return command;
    }

    private static CodecBenchmarkResult Measure(bool quick, string commandLine)
    {
        // The JavaScript side first: a missing node or package is reported before minutes of measuring.
        string node = JavaScriptPeer.NodeVersion();
        AnsiConsole.MarkupLine($"node {Markup.Escape(node)}; fetching {JavaScriptPeer.PackageSpec} (cached after the first time) ...");
        string package = JavaScriptPeer.FetchPackage();
        byte[] sensor = CodecSamples.SensorMessage();
        byte[] action = CodecSamples.ActionMessage();
        var (jsSensor, jsAction) = JavaScriptPeer.EncodedMessages(package);
        bool sameBytes = sensor.AsSpan().SequenceEqual(jsSensor) && action.AsSpan().SequenceEqual(jsAction);
        if (!sameBytes)
        {
            CliWarnings.Write("@msgpack/msgpack encodes the messages to other bytes than the C# codec; the comparison is not like for like");
            Log.Warn("bench codec: JS bytes differ: sensor {Js} vs {CSharp}", Convert.ToHexString(jsSensor), Convert.ToHexString(sensor));
        }

        IReadOnlyList<CodecMeasurement> csharp = [];
        JavaScriptRun? javaScript = null;
        int benchmarks = typeof(CodecBenchmarks).GetMethods().Count(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false));
        Output.CliProgress.Run(
            live => live.AutoRefresh(false).Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn()),
            board =>
            {
                var csharpTask = board.Add($"C#: {benchmarks} benchmarks (BenchmarkDotNet)", maxValue: benchmarks);
                var jsTask = board.Add("JavaScript: @msgpack/msgpack in node", maxValue: 1, autoStart: false);
                int started = 0;
                var log = new BenchmarkDotNetLog(name =>
                {
                    csharpTask.Value = started++;
                    csharpTask.Description = $"C#: {Markup.Escape(name)} ({started}/{benchmarks})";
                    board.Refresh();
                });
                board.Refresh();
                string artifacts = Path.Combine(Path.GetTempPath(), $"robotpolicy-bench-codec-{Environment.ProcessId}");
                try
                {
                    csharp = CodecBenchmarkSuite.Run(quick, artifacts, log);
                }
                finally
                {
                    // BenchmarkDotNet leaves only an empty results folder here (no exporters, no log file of its own).
                    if (Directory.Exists(artifacts))
                    {
                        Directory.Delete(artifacts, recursive: true);
                    }
                }
                csharpTask.Value = benchmarks;
                csharpTask.Description = $"C#: {benchmarks} benchmarks (BenchmarkDotNet)";
                csharpTask.Stop();
                jsTask.Start();
                board.Refresh();
                javaScript = JavaScriptPeer.Measure(package, quick);
                jsTask.Value = 1;
                jsTask.Stop();
                board.Refresh();
            });

        var result = CodecBenchmarkResults.Combine(commandLine, MachineDescription.Current, CodecBenchmarkSuite.JobDescription(quick),
            csharp, javaScript!, sensor.Length, action.Length, sameBytes);
        foreach (var row in result.Rows)
        {
            Log.Info("bench codec {Name}: C# {CSharpNs} ns/op, {Allocated} B/op; JS {JsNs} ns/op; ratio {Ratio}",
                row.Name, row.CsharpNsPerOp, row.CsharpAllocatedBytesPerOp, row.JsNsPerOp, row.ThroughputRatio);
        }
        return result;
    }

    private static void Print(CodecBenchmarkResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(r.Machine)}[/]");
        AnsiConsole.MarkupLine($"[grey]C#: {Markup.Escape(r.CsharpJob)}[/]");
        AnsiConsole.MarkupLine($"[grey]JavaScript: {Markup.Escape(r.JsPackage)} on node {Markup.Escape(r.Node)}: {Markup.Escape(r.JsOptions)}[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("operation")
            .AddColumn(new TableColumn("C# ns/op").RightAligned()).AddColumn(new TableColumn("C# ops/s").RightAligned())
            .AddColumn(new TableColumn("C# alloc").RightAligned()).AddColumn(new TableColumn("JS ns/op").RightAligned())
            .AddColumn(new TableColumn("JS ops/s").RightAligned()).AddColumn(new TableColumn("C#/JS").RightAligned())
            .AddColumn(new TableColumn("earlier ns/op").RightAligned());
        foreach (var row in r.Rows)
        {
            table.AddRow(row.Name, CodecBenchmarkReport.Ns(row.CsharpNsPerOp), CodecBenchmarkReport.Rate(row.CsharpOpsPerSecond),
                row.CsharpAllocatedBytesPerOp is long b ? $"{b} B" : "n/a",
                row.JsNsPerOp is double js ? CodecBenchmarkReport.Ns(js) : "-",
                row.JsOpsPerSecond is double rate ? CodecBenchmarkReport.Rate(rate) : "-",
                row.ThroughputRatio is double ratio ? $"{ratio.ToString("0.0", inv)}x" : "-",
                row.EarlierNsPerOp is double earlier ? CodecBenchmarkReport.Ns(earlier) : "-");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"messages: sensor frame {r.SensorMessageBytes} bytes, action frame {r.ActionMessageBytes} bytes");
        AnsiConsole.MarkupLine($"[grey]earlier: {Markup.Escape(r.EarlierCodec)}[/]");
        foreach (var goal in r.Goals)
        {
            AnsiConsole.MarkupLine($"[{(goal.Met ? "green" : "red")}]{(goal.Met ? "met" : "missed")}[/]: {Markup.Escape(goal.Goal)}: {Markup.Escape(goal.Measured)}");
        }
    }
}
