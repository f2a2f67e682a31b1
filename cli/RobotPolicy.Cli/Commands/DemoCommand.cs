using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RobotPolicy.Bridge.Transports.Udp;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Cli.HilBench;
using RobotPolicy.Control.Hil;
using RobotPolicy.Control.Loop;
using RobotPolicy.Control.Telemetry;
using RobotPolicy.Runtime.Session;
using RobotPolicy.SimRobot;
using Spectre.Console;
using RobotPolicy.Cli.Output;
using RobotPolicy.Cli.Parsing;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// `robotpolicy demo`: the whole story on an embedded default. Train an aligned teacher and student on the
/// cart-pole, export the student, deploy it through the bridge (UDP loopback) against the simulated robot in real
/// time, check the run's telemetry replays bit-exact, measure the loop's latency at 1 kHz next to the machine's timer
/// floor, and summarize: the imitation gap, the return on the robot against training, the latency report's path.
/// </summary>
internal static class DemoCommand
{
    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();

    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "folder for everything the demo writes", DefaultValueFactory = _ => "robotpolicy-demo" };
        var steps = new Option<long>("--steps") { Description = "environment steps to train the cart-pole teacher and student", DefaultValueFactory = _ => 200_000 };
        steps.InRange(1L, 1_000_000_000_000L);
        var episodes = new Option<int>("--episodes") { Description = "cart-pole episodes on the simulated robot, in real time (10 s each at most)", DefaultValueFactory = _ => 3 };
        episodes.InRange(1, 10_000);
        var latencySeconds = new Option<double>("--latency-seconds") { Description = "seconds of each part of the 1 kHz latency benchmark", DefaultValueFactory = _ => 10 };
        latencySeconds.InRange(0.1, 3600.0);
        var retrain = new Option<bool>("--retrain") { Description = "train again even if the folder holds a finished run" };
        var command = new Command("demo", "The main job: train an aligned teacher and student on the cart-pole, export the student, deploy it against the simulated robot, and report the imitation gap and the latency")
        {
            output, steps, episodes, latencySeconds, retrain,
        };
        command.SetAction(parse => CommandGuard.Run("demo", () =>
        {
            string dir = Path.GetFullPath(parse.GetValue(output)!);
            string run = Path.Combine(dir, "train");
            string bundle = Path.Combine(dir, "cartpole-student.onnx");
            var inv = CultureInfo.InvariantCulture;

            // Say up front what is coming and for how long: the longest part (training) prints nothing else first.
            AnsiConsole.MarkupLine($"robotpolicy demo into {Markup.Escape(dir)}: train ({parse.GetValue(steps):N0} steps, about 10 s per 100,000 on 2 cores; skipped when a finished run is there), "
                + $"export, deploy ({Plural(parse.GetValue(episodes), "real-time episode")} of up to 10 s), then 2 × {parse.GetValue(latencySeconds):0.#} s of latency measurement");
            TerminalOutput.Heading("[bold]1. train[/] an aligned teacher and student on the cart-pole");
            if (File.Exists(Path.Combine(run, "summary.json")) && !parse.GetValue(retrain))
            {
                AnsiConsole.MarkupLine($"{Markup.Escape(run)} holds a finished run: using it (--retrain to train again)");
            }
            else
            {
                int trained = CliApp.Build().Parse(["train", "--domain", "cartpole", "--agent", "aligned", "--steps", parse.GetValue(steps).ToString(inv),
                    "--seed", "1", "--out", run, .. Directory.Exists(run) ? new[] { "--force" } : []]).Invoke();
                if (trained != 0)
                {
                    return trained;
                }
            }
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
            double teacherReturn = summary.RootElement.GetProperty("eval_return").GetDouble();
            double studentReturn = summary.RootElement.GetProperty("student_return").GetDouble();

            TerminalOutput.Heading("[bold]2. export[/] the student");
            int exported = CliApp.Build().Parse(["export", Path.Combine(run, "policy"), "--out", bundle]).Invoke();
            if (exported != 0)
            {
                return exported;
            }

            TerminalOutput.Heading("[bold]3. deploy[/] it against the simulated robot over UDP loopback, in real time");
            using var ctrlC = new FirstCtrlC();
            var (deployment, telemetryPath) = Deploy(bundle, dir, parse.GetValue(episodes), ctrlC.Token);
            using (var replaySession = PolicySession.Open(bundle))
            {
                var check = TelemetryReplay.Check(TelemetryLog.Read(telemetryPath), new SessionPolicy(replaySession));
                AnsiConsole.MarkupLine(check.BitExact
                    ? $"telemetry {Markup.Escape(telemetryPath)}: [green]replays bit-exact[/] ({check.Identical:N0} policy steps)"
                    : $"telemetry {Markup.Escape(telemetryPath)}: [red]does not replay bit-exact[/]: {Markup.Escape(check.FirstMismatch ?? check.StoppedEarly ?? "")}");
            }

            TerminalOutput.Heading("[bold]4. latency[/] of the control loop at 1 kHz over UDP, next to this machine's timer floor");
            HilResult latency;
            using (var session = PolicySession.Open(bundle))
            {
                latency = BenchHilCommand.Measure(new SessionPolicy(session), Path.GetFileName(bundle),
                    new HilOptions { RateHz = 1000, Duration = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(latencySeconds))) }, ctrlC.Token);
            }
            BenchHilCommand.Print(latency);
            string html = Path.Combine(dir, "hil.html");
            AtomicFile.WriteAllText(Path.Combine(dir, "hil.json"), RuntimeJson.Serialize(latency));
            AtomicFile.WriteAllText(html, HilReport.Html(latency));

            TerminalOutput.Heading("[bold]summary[/]");
            var table = new Table().HideHeaders().AddColumn("").AddColumn("");
            table.AddRow("teacher return (privileged state)", teacherReturn.ToString("0.#", inv));
            table.AddRow("student return in training (sensors only)", studentReturn.ToString("0.#", inv));
            table.AddRow("imitation gap (teacher - student)", (teacherReturn - studentReturn).ToString("0.#", inv));
            table.AddRow("student return on the simulated robot", $"{deployment.MeanReturn.ToString("0.#", inv)} over {Plural(deployment.Episodes, "episode")} ({deployment.ActionsLate} late, {deployment.ActionsMissing} missing actions)");
            table.AddRow("sensor → action at 1 kHz p50 / p99 / p99.9", $"{latency.EndToEnd.P50:0} / {latency.EndToEnd.P99:0} / {latency.EndToEnd.P999:0} µs (timer floor p99.9 {latency.TimerFloor.P999:0} µs"
                + (latency.TimerNote is null ? ")" : ": a loaded or virtual machine's timer, see the latency report)"));
            table.AddRow("latency report", Markup.Escape(html));
            table.AddRow("bundle, training curves", Markup.Escape($"{bundle}, {Path.Combine(run, "metrics.csv")}"));
            AnsiConsole.Write(table);
            Log.Info("demo done: teacher {Teacher}, student {Student}, deployed {Deployed}, p99 {P99} us", teacherReturn, studentReturn, deployment.MeanReturn, latency.EndToEnd.P99);
            return ctrlC.Requested ? 130 : 0;
        }));
        return command;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";

    /// <summary>The simulated robot on one thread, `run`'s control loop on another, over UDP loopback.</summary>
    private static (SimRobotReport Report, string Telemetry) Deploy(string bundle, string dir, int episodes, CancellationToken cancel)
    {
        string telemetry = Path.Combine(dir, "deploy.tlm");
        using var session = PolicySession.Open(bundle);
        using var runtimeLink = UdpTransport.Open("udp://127.0.0.1:0?listen");
        using var robotLink = UdpTransport.Open($"udp://127.0.0.1:{runtimeLink.LocalEndPoint.Port}");
        var options = new SimRobotOptions { Domain = "cartpole", Seed = 7, Episodes = episodes };
        var robot = new SimulatedRobot(options, line => AnsiConsole.MarkupLine($"  robot: {Markup.Escape(line)}"));
        var loop = new ControlLoop(new SessionPolicy(session), runtimeLink, new ControlOptions { TelemetryPath = telemetry, SummaryInterval = TimeSpan.FromSeconds(5) },
            new QuietEvents(), Path.GetFileName(bundle));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var loopThread = ControlLoopThread.Start(loop, stop.Token, "demo control loop");
        SimRobotStop robotStop = robot.Run(robotLink, cancel);
        stop.Cancel();
        ControlResult result;
        try
        {
            result = loopThread.Join();
        }
        catch (Exception e) when (e is ControlLoopException or IOException)
        {
            throw new CliUsageException($"the deployment failed: {e.Message}");
        }
        var report = SimRobotReport.From(options, robot.Statistics, robotStop, robotLink.Statistics.ToString());
        AnsiConsole.MarkupLine($"deployed: {Plural(report.Episodes, "episode")}, returns {string.Join(", ", report.Returns.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))}; " +
            $"runtime sensor → action p50 {result.Total.LatencyP50Microseconds:0} µs, p99 {result.Total.LatencyP99Microseconds:0} µs at 50 Hz");
        return (report, telemetry);
    }

    /// <summary>The deployment's events, one line each; the loop's per-interval summary only in the log.</summary>
    private sealed class QuietEvents : IControlEvents
    {
        public void RobotAccepted(RobotPolicy.Bridge.Messages.Hello hello, bool again)
        {
            if (!again)
            {
                AnsiConsole.MarkupLine($"  runtime: robot '{Markup.Escape(hello.RobotName)}' matches the policy: running");
            }
        }

        public void WatchdogTripped(TimeSpan silence) => Say($"watchdog: no sensor frame for {silence.TotalMilliseconds:0} ms");
        public void SensorsBack(TimeSpan silence) => Say($"sensor frames back after {silence.TotalMilliseconds:0} ms");
        public void BadOutput(long cycle) => Say($"cycle {cycle}: non-finite policy output, safe action sent");
        public void EStopReceived(RobotPolicy.Bridge.Messages.EStop estop) => Say($"EStop from the robot: {estop.Text}");
        public void FaultReceived(RobotPolicy.Bridge.Messages.Fault fault) => Say($"fault from the robot: {fault.Text}");
        public void Warning(string text) => Say(text);
        public void Summary(ControlSummary summary) => Log.Info("demo run: {Rate} Hz, p99 {P99} us", summary.RateHz, summary.LatencyP99Microseconds);

        private static void Say(string text) => AnsiConsole.MarkupLine($"  runtime: [yellow]{Markup.Escape(text)}[/]");
    }
}
