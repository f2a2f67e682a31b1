using System.CommandLine;
using System.Globalization;
using NLog;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Control.Loop;
using RobotPolicy.Control.Telemetry;
using RobotPolicy.Runtime.Session;
using Spectre.Console;
using RobotPolicy.Cli.Parsing;

namespace RobotPolicy.Cli.Commands;

/// <summary>`robotpolicy run`: a policy bundle driving a robot (or `sim-robot`) through a transport.</summary>
internal static class RunCommand
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "policy bundle (.onnx)" };
        var robot = new Option<string>("--robot") { Description = $"the robot's transport: {MessageTransports.Forms}", Required = true };
        var sessionArgs = new SessionArguments();
        var sensorTimeout = new Option<double?>("--sensor-timeout") { Description = "seconds without a sensor frame before the watchdog sends the safe action (default: 5 periods, at least 0.05)" };
        sensorTimeout.InRange(0.001, 3600.0);
        var safeAction = new Option<string>("--safe-action") { Description = "what to command when the policy must not act: damping or hold", DefaultValueFactory = _ => "damping" };
        var softStart = new Option<double>("--soft-start") { Description = "seconds to ramp from the default pose after each (re)start (bundles with default_joint_positions; 0: off)", DefaultValueFactory = _ => 1.0 };
        softStart.InRange(0.0, 3600.0);
        var cycles = new Option<long>("--cycles") { Description = "stop after answering this many sensor frames (0: until Ctrl-C, an EStop, or the robot goes away)", DefaultValueFactory = _ => 0 };
        cycles.InRange(0L, long.MaxValue);
        var helloTimeout = new Option<double>("--hello-timeout") { Description = "seconds to wait for the robot's Hello", DefaultValueFactory = _ => 30 };
        helloTimeout.InRange(0.001, 86_400.0);
        var realtime = new Option<bool>("--realtime") { Description = "run the loop's thread under SCHED_FIFO (needs CAP_SYS_NICE; a warning otherwise)" };
        var priority = new Option<int>("--priority") { Description = "SCHED_FIFO priority for --realtime (1-99)", DefaultValueFactory = _ => 80 };
        priority.InRange(1, 99);
        var spin = new Option<int>("--spin") { Description = "microseconds either side of each sensor frame's expected arrival to poll instead of sleeping (lower latency, more CPU; 0: never)", DefaultValueFactory = _ => 0 };
        spin.InRange(0, 100_000);
        var cpu = new Option<int?>("--cpu") { Description = "pin the loop's thread to this CPU" };
        var telemetry = new Option<string?>("--telemetry") { Description = "write every cycle to this MessagePack log (inspect and re-check with `robotpolicy replay`)" };
        var output = new Option<string?>("--out", "-o") { Description = "write the run's result as JSON to this file" };
        var command = new Command("run", "Drive a robot with a policy bundle: Hello check, fixed-rate loop, safety layer, watchdog, telemetry")
        {
            bundle, robot, sensorTimeout, safeAction, softStart, cycles, helloTimeout, realtime, priority, cpu, spin, telemetry, output,
        };
        foreach (var option in sessionArgs.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandGuard.Run("run", () =>
        {
            var options = new ControlOptions
            {
                SensorTimeout = parse.GetValue(sensorTimeout) is double s ? TimeSpan.FromSeconds(s) : null,
                SafeAction = ParseSafeAction(parse.GetValue(safeAction)!),
                SoftStartSeconds = parse.GetValue(softStart),
                MaxCycles = parse.GetValue(cycles),
                HelloTimeout = TimeSpan.FromSeconds(parse.GetValue(helloTimeout)),
                Realtime = parse.GetValue(realtime),
                RealtimePriority = parse.GetValue(priority),
                Cpu = parse.GetValue(cpu),
                SpinMicroseconds = parse.GetValue(spin),
                TelemetryPath = parse.GetValue(telemetry),
            };
            string path = parse.GetRequiredValue(bundle);
            using var session = PolicySession.Open(path, sessionArgs.Read(parse));
            SessionArguments.Warn(session);
            using var link = MessageTransports.Open(parse.GetRequiredValue(robot));
            using var ctrlC = new FirstCtrlC();
            var period = session.Metadata.Control.PeriodSeconds;
            AnsiConsole.MarkupLine($"run {Markup.Escape(Path.GetFileName(path))} on {session.Provider}: period {period.ToString("0.####", CultureInfo.InvariantCulture)} s, " +
                $"watchdog {options.SensorTimeoutFor(period).TotalMilliseconds:0} ms, safe action {options.SafeAction.ToString().ToLowerInvariant()}; waiting for the robot's Hello on {Markup.Escape(link.Description)}");
            var loop = new ControlLoop(new SessionPolicy(session), link, options, new ConsoleControlEvents(), Path.GetFileName(path));
            // The loop gets a thread of its own, so real-time priority and pinning apply to it and nothing else.
            ControlResult result;
            try
            {
                result = ControlLoopThread.Start(loop, ctrlC.Token).Join();
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM while waiting for the robot: nothing was commanded, so there is nothing to make
                // safe; a clean stop all the same (systemd's SuccessExitStatus=130).
                AnsiConsole.MarkupLine("stopped before the robot said Hello: nothing was sent");
                Log.Info("run stopped before the robot's Hello");
                return 130;
            }
            Print(result);
            if (parse.GetValue(output) is { } json)
            {
                AtomicFile.WriteAllText(json, RuntimeJson.Serialize(ControlRunReport.From(result)));
            }
            return result.Stop switch
            {
                ControlStop.Cancelled => 130,
                ControlStop.RobotLost => CommandGuard.UserError,
                _ => 0,
            };
        }));
        return command;
    }

    private static ActionMode ParseSafeAction(string text) => text.Trim().ToLowerInvariant() switch
    {
        "damping" => ActionMode.Damping,
        "hold" => ActionMode.Hold,
        _ => throw new CliUsageException($"--safe-action '{text}' is not one of: damping, hold"),
    };

    private static void Print(ControlResult r)
    {
        var t = r.Total;
        var table = new Table().AddColumn("run").AddColumn("");
        table.AddRow("stopped", Markup.Escape($"{r.Stop}: {r.Detail}"));
        table.AddRow("policy cycles", $"{t.PolicyCycles:N0} in {t.Seconds:0.0} s ({t.RateHz:0.0} Hz)");
        table.AddRow("sensor → action p50 / p99 / max (µs)", $"{t.LatencyP50Microseconds:0} / {t.LatencyP99Microseconds:0} / {t.LatencyMaxMicroseconds:0}");
        table.AddRow("policy step p50 / p99 (µs)", $"{t.InferenceP50Microseconds:0} / {t.InferenceP99Microseconds:0}");
        table.AddRow("watchdog trips (safe cycles)", $"{r.WatchdogTrips} ({t.WatchdogCycles})");
        table.AddRow("clipped / rate-limited / soft-start cycles", $"{t.ClippedCycles} / {t.RateLimitedCycles} / {t.SoftStartCycles}");
        table.AddRow("hellos accepted", r.HellosAccepted.ToString(CultureInfo.InvariantCulture));
        table.AddRow("link", Markup.Escape(r.Transport));
        AnsiConsole.Write(table);
        Log.Info("run stopped ({Stop}): {Detail}; {Cycles} cycles, p99 {P99} us, watchdog trips {Trips}", r.Stop, r.Detail, t.PolicyCycles, t.LatencyP99Microseconds, r.WatchdogTrips);
    }

    /// <summary>Events to the console and the log; the per-second summary is one line.</summary>
    private sealed class ConsoleControlEvents : IControlEvents
    {
        public void RobotAccepted(Hello hello, bool again)
        {
            if (again)
            {
                Log.Info("robot '{Robot}' said Hello again: history and soft start restart", hello.RobotName);
                return;
            }
            Log.Info("robot '{Robot}' matches the policy: {Joints} joints, {Terms} sensor terms", hello.RobotName, hello.JointNames.Count, hello.SensorTerms.Count);
            AnsiConsole.MarkupLine($"[green]robot '{Markup.Escape(hello.RobotName)}' matches the policy[/]: running");
        }

        public void WatchdogTripped(TimeSpan silence) => Warn($"watchdog: no sensor frame for {silence.TotalMilliseconds:0} ms: sending the safe action");

        public void SensorsBack(TimeSpan silence) => Warn($"sensor frames back after {silence.TotalMilliseconds:0} ms: the policy resumes (history reset, soft start)");

        public void BadOutput(long cycle) => Warn($"cycle {cycle}: the policy's output is not finite: the safe action was sent instead");

        public void EStopReceived(EStop estop) => Warn($"EStop from the robot (reason {estop.Reason}{(estop.Text is { } t ? $": {t}" : "")}): safe state commanded, stopping");

        public void FaultReceived(Fault fault) => Warn($"fault from the robot (code {fault.Code}): {fault.Text}");

        public void Warning(string text) => Warn(text);

        public void Summary(ControlSummary s)
        {
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{s.RateHz,6:0.0} Hz | sensor→action p50 {s.LatencyP50Microseconds:0} µs p99 {s.LatencyP99Microseconds:0} µs max {s.LatencyMaxMicroseconds:0} µs | step p50 {s.InferenceP50Microseconds:0} µs | watchdog {s.WatchdogCycles} | clipped {s.ClippedCycles} | telemetry dropped {s.TelemetryDropped}");
            Log.Info(line);
            AnsiConsole.MarkupLine(s.HasFaults ? $"[yellow]{Markup.Escape(line)}[/]" : Markup.Escape(line));
        }

        private static void Warn(string text)
        {
            Log.Warn(text);
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(text)}[/]");
        }
    }
}

/// <summary>A run's result as `run --out` writes it.</summary>
internal sealed record ControlRunReport(string Stop, string Detail, ControlSummary Total, long WatchdogTrips, long HellosAccepted, string Transport)
{
    public static ControlRunReport From(ControlResult r) =>
        new(r.Stop.ToString(), r.Detail, r.Total, r.WatchdogTrips, r.HellosAccepted, r.Transport);
}
