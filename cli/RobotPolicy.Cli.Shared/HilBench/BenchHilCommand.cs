using System.CommandLine;
using System.Globalization;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Cli.Commands;
using RobotPolicy.Control.Hil;
using RobotPolicy.Control.Loop;
using RobotPolicy.Runtime.Session;
using Spectre.Console;
using RobotPolicy.Cli.Parsing;

namespace RobotPolicy.Cli.HilBench;

/// <summary>`robotpolicy bench hil`: the control loop's latency against a probe robot, next to the machine's timer floor.</summary>
internal static class BenchHilCommand
{
    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();

    /// <param name="exampleBundle">Writes the default bundle into a folder and returns its path (robotpolicy exports the
    /// built-in example); null where there is no exporter (robotpolicy-runtime), and the bundle must be given.</param>
    /// <param name="physics">Makes the simulated robot of a domain (name, seed) for --physics; null where there are no
    /// domains (robotpolicy-runtime), and the option is not offered.</param>
    public static Command Create(Func<string, string>? exampleBundle = null, Func<string, int, RobotPolicy.Bridge.Plant.IRobotPlant>? physics = null)
    {
        var bundle = new Argument<string?>("bundle")
        {
            Description = exampleBundle is null ? "policy bundle (.onnx)" : "policy bundle (.onnx); default: the built-in example (48 x 3 -> 256 -> 256 -> 12)",
            Arity = exampleBundle is null ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
        };
        var rate = new Option<double>("--rate") { Description = "control rate in Hz", DefaultValueFactory = _ => 1000 };
        rate.InRange(1.0, 20_000.0);
        var duration = new Option<double>("--duration") { Description = "seconds measured for each part (the timer floor, then the loop)", DefaultValueFactory = _ => 60 };
        duration.InRange(0.1, 86_400.0);
        var transport = new Option<string>("--transport") { Description = "udp (loopback), serial (socat pseudo-terminals) or inprocess", DefaultValueFactory = _ => HilTransports.Udp };
        var load = new Option<int>("--load") { Description = "background threads of busy arithmetic during both parts", DefaultValueFactory = _ => 0 };
        load.InRange(0, 256);
        var realtime = new Option<bool>("--realtime") { Description = "SCHED_FIFO for the loop, the probe robot and the floor loop" };
        var spin = new Option<int>("--spin") { Description = "microseconds the loop (around each frame's expected arrival) and the probe (after each send) poll instead of sleeping; 0: never", DefaultValueFactory = _ => 0 };
        spin.InRange(0, 100_000);
        var cpu = new Option<int?>("--cpu") { Description = "one CPU for the loop, the probe robot and the floor loop (default: wherever the scheduler puts them)" };
        var noCyclictest = new Option<bool>("--no-cyclictest") { Description = "do not run cyclictest even when installed" };
        var physicsDomain = new Option<string?>("--physics") { Description = "step this domain's physics on the probe robot (e.g. mujoco-arm, with that domain's student bundle): frames carry the states it reaches under the policy's actions; one control period per frame whatever --rate" };
        var sessionArgs = new SessionArguments();
        var output = new Option<string>("--out", "-o") { Description = "folder for hil.json and hil.html", DefaultValueFactory = _ => "bench-hil" };
        var hgrm = RobotPolicy.Cli.Commands.HgrmOption.Create("sensor → action (CO-corrected)");
        var command = new Command("hil", "Hardware-in-the-loop latency: the control loop against a probe robot over a transport, next to the timer floor")
        {
            bundle, rate, duration, transport, load, realtime, spin, cpu, noCyclictest, output, hgrm,
        };
        foreach (var option in sessionArgs.All)
        {
            command.Options.Add(option);
        }
        if (physics is not null)
        {
            command.Options.Add(physicsDomain);
        }
        command.SetAction(parse => CommandGuard.Run("bench hil", () =>
        {
            string dir = Path.GetFullPath(parse.GetValue(output)!);
            string? given = parse.GetValue(bundle);
            if (given is null)
            {
                // The built-in example is written into the output folder; a given bundle is checked first, so a
                // bad one leaves no folder behind.
                Directory.CreateDirectory(dir);
            }
            string path = given ?? exampleBundle?.Invoke(dir) ?? throw new CliUsageException("give the policy bundle to benchmark");
            var options = new HilOptions
            {
                RateHz = parse.GetValue(rate),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                Transport = HilTransports.All.Contains(parse.GetValue(transport)) ? parse.GetValue(transport)! : throw new CliUsageException($"--transport '{parse.GetValue(transport)}' is not one of {string.Join(", ", HilTransports.All)}"),
                LoadThreads = parse.GetValue(load),
                Realtime = parse.GetValue(realtime),
                Cyclictest = !parse.GetValue(noCyclictest),
                SpinMicroseconds = parse.GetValue(spin),
                Cpu = parse.GetValue(cpu) is int c
                    ? (c >= 0 && c < Environment.ProcessorCount ? c : throw new CliUsageException($"--cpu {c} is not one of this machine's CPUs (0..{Environment.ProcessorCount - 1})"))
                    : null,
            };
            using var session = PolicySession.Open(path, sessionArgs.Read(parse));
            if (physics is not null && parse.GetValue(physicsDomain) is { } domainName)
            {
                // Built and checked against the bundle before anything is measured, so a mismatch costs nothing.
                var plant = physics(domainName, 1);
                options = options with { Plant = plant };
                if (HilBenchmark.PlantMismatch(plant, session.Metadata, Path.GetFileName(path)) is { } mismatch)
                {
                    throw new CliUsageException(mismatch);
                }
            }
            Directory.CreateDirectory(dir);
            SessionArguments.Warn(session);
            using var ctrlC = new FirstCtrlC();
            HilResult result = Measure(new SessionPolicy(session), Path.GetFileName(path), options, ctrlC.Token);
            Print(result);
            string json = Path.Combine(dir, "hil.json");
            string html = Path.Combine(dir, "hil.html");
            AtomicFile.WriteAllText(json, RuntimeJson.Serialize(result));
            AtomicFile.WriteAllText(html, HilReport.Html(result));
            AnsiConsole.MarkupLine($"wrote {Markup.Escape(json)} and the report [bold]{Markup.Escape(html)}[/]");
            if (parse.GetValue(hgrm) is { } hgrmPath)
            {
                RobotPolicy.Cli.Commands.HgrmOption.Report(RobotPolicy.Cli.Commands.HgrmOption.Write(hgrmPath, result.Distributions), quiet: false);
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Runs the benchmark with a progress display: a bar per part, timed by the clock.</summary>
    public static HilResult Measure(IControlPolicy policy, string bundleName, HilOptions options, CancellationToken cancel)
    {
        HilResult? result = null;
        Output.CliProgress.Run(
            live => live.Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()),
            board =>
            {
                Output.IProgressItem? current = null;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var progress = new Progress<string>(what =>
                {
                    current?.Stop();
                    Log.Info("bench hil: {What}", what);
                    current = board.Add(Markup.Escape(what), maxValue: options.Duration.TotalSeconds);
                    clock.Restart();
                });
                using var timer = new Timer(_ =>
                {
                    if (current is { } task)
                    {
                        task.Value = Math.Min(task.MaxValue, clock.Elapsed.TotalSeconds);
                    }
                }, null, 200, 200);
                result = HilBenchmark.Run(policy, bundleName, options, progress, cancel);
                current?.Stop();
            });
        return result!;
    }

    public static void Print(HilResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().AddColumn("µs").AddColumn("count").AddColumn("p50").AddColumn("p99").AddColumn("p99.9").AddColumn("p99.99").AddColumn("max");
        foreach (var p in r.Measurements())
        {
            table.AddRow(Markup.Escape(p.Name), p.Count.ToString("N0", inv), F(p.P50), F(p.P99), F(p.P999), F(p.P9999), F(p.Max));
        }
        AnsiConsole.Write(table);
        if (r.Physics is { } physics)
        {
            AnsiConsole.MarkupLine($"physics: {Markup.Escape(physics.Name)}, {physics.Episodes:N0} episodes back to back, mean return {(physics.MeanReturn is double m ? m.ToString("0.###", CultureInfo.InvariantCulture) : "(none finished)")}");
        }
        AnsiConsole.MarkupLine($"frames {r.FramesSent:N0}: on time {r.ActionsOnTime:N0}, late {r.ActionsLate:N0}, missing {r.ActionsMissing:N0}; deadline misses: loop {r.RobotDeadlineMisses}, bare timer {r.FloorDeadlineMisses}; garbage collections during the loop {r.GarbageCollections}");
        if (r.Cyclictest.NotRun is { } why)
        {
            AnsiConsole.MarkupLine($"[grey]cyclictest: {Markup.Escape(why)}[/]");
        }
        // The floor first: what the loop adds to what this machine's timer allows is the verdict; a miss there is
        // worth a look (yellow), not an alarm, and an absolute figure for a quiet machine is information.
        AnsiConsole.MarkupLine("against this machine's timer floor:");
        foreach (var g in r.Goals.Where(g => !g.Absolute))
        {
            AnsiConsole.MarkupLine($"  {(g.Met ? "[green]met[/]   " : "[yellow]missed[/]")} {Markup.Escape(g.Goal)}: {Markup.Escape(g.Measured)}");
        }
        if (r.TimerNote is { } note)
        {
            AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(note)}[/]");
        }
        foreach (var g in r.Goals.Where(g => g.Absolute))
        {
            AnsiConsole.MarkupLine($"for reference: {Markup.Escape(g.Goal)}: {Markup.Escape(g.Measured)} ({(g.Met ? "met" : "not met here")})");
        }
        Log.Info("bench hil {Rate} Hz over {Transport}: p50 {P50} p99 {P99} p99.9 {P999} max {Max} us; floor p99.9 {F999} us",
            r.RateHz, r.Transport, r.EndToEnd.P50, r.EndToEnd.P99, r.EndToEnd.P999, r.EndToEnd.Max, r.TimerFloor.P999);
    }

    private static string F(double v) => v.ToString(v < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
