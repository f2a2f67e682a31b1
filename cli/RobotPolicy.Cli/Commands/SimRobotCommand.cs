using System.CommandLine;
using System.Globalization;
using NLog;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.SimRobot;
using Spectre.Console;
using RobotPolicy.Cli.Parsing;

namespace RobotPolicy.Cli.Commands;

/// <summary>`robotpolicy sim-robot`: a trainer domain's physics as a robot on the other end of a transport.</summary>
internal static class SimRobotCommand
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public static Command Create()
    {
        var domain = new Option<string>("--domain") { Description = "the domain to simulate", DefaultValueFactory = _ => "cartpole" };
        var transport = new Option<string>("--transport") { Description = $"where the runtime is: {MessageTransports.Forms}", Required = true };
        var seed = new Option<int>("--seed") { Description = "seed of the physics' randomness", DefaultValueFactory = _ => 1 };
        var episodes = new Option<int>("--episodes") { Description = "episodes to run, then stop (0: until Ctrl-C or an EStop)", DefaultValueFactory = _ => 0 };
        episodes.InRange(0, 1_000_000);
        var period = new Option<double>("--period") { Description = "control period in seconds (the bundle's; the trainer exports 0.02)", DefaultValueFactory = _ => 0.02 };
        period.InRange(1e-6, 10.0);
        var speed = new Option<double>("--speed") { Description = "run the robot's clock this many times faster than real time (Hello still says the physics period); for tests and quick demos", DefaultValueFactory = _ => 1.0 };
        speed.InRange(0.01, 1000.0);
        var connectTimeout = new Option<double>("--connect-timeout") { Description = "seconds to wait for a runtime before giving up (0: forever)", DefaultValueFactory = _ => 0 };
        connectTimeout.InRange(0.0, 86_400.0);
        var output = new Option<string?>("--out", "-o") { Description = "write the robot's statistics as JSON to this file" };
        var command = new Command("sim-robot", "Simulate a robot: step a domain's physics at its control period behind a transport, for `robotpolicy run` to drive")
        {
            domain, transport, seed, episodes, period, speed, connectTimeout, output,
        };
        command.SetAction(parse => CommandGuard.Run("sim-robot", () =>
        {
            double connect = parse.GetValue(connectTimeout);
            var options = new SimRobotOptions
            {
                Domain = parse.GetValue(domain)!,
                Seed = parse.GetValue(seed),
                Episodes = parse.GetValue(episodes),
                PeriodSeconds = parse.GetValue(period),
                Speed = parse.GetValue(speed),
                ConnectTimeout = connect > 0 ? TimeSpan.FromSeconds(connect) : Timeout.InfiniteTimeSpan,
            };
            var robot = new SimulatedRobot(options, line =>
            {
                Log.Info(line);
                AnsiConsole.MarkupLine(Markup.Escape(line));
            });
            using var link = MessageTransports.Open(parse.GetRequiredValue(transport));
            using var ctrlC = new FirstCtrlC();
            AnsiConsole.MarkupLine($"sim-robot [bold]{Markup.Escape(options.RobotName)}[/] on {Markup.Escape(link.Description)}: " +
                $"joints {Markup.Escape(string.Join(", ", robot.Hello.JointNames))}; sensors {Markup.Escape(string.Join(", ", robot.Hello.SensorTerms.Select(t => $"{t.Name}[{t.Size}]")))}; " +
                $"period {options.PeriodSeconds.ToString("0.####", CultureInfo.InvariantCulture)} s; waiting for a runtime");
            SimRobotStop stop = robot.Run(link, ctrlC.Token);
            var report = SimRobotReport.From(options, robot.Statistics, stop, link.Statistics.ToString());
            Print(report);
            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.WriteAllText(path, CliJson.Serialize(report));
            }
            return stop == SimRobotStop.Cancelled ? 130 : 0;
        }));
        return command;
    }

    private static void Print(SimRobotReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().AddColumn("sim-robot").AddColumn("");
        table.AddRow("stopped", r.Stop);
        table.AddRow("episodes", r.Episodes.ToString(inv));
        table.AddRow("mean return", r.MeanReturn.ToString("0.###", inv));
        table.AddRow("steps", r.Steps.ToString("N0", inv));
        table.AddRow("actions on time / late / missing", $"{r.ActionsOnTime:N0} / {r.ActionsLate:N0} / {r.ActionsMissing:N0}");
        table.AddRow("round trip p50 / p99 / max (µs)", $"{r.RoundTripP50Microseconds:0} / {r.RoundTripP99Microseconds:0} / {r.RoundTripMaxMicroseconds:0}");
        table.AddRow("safety commands, faults received", $"{r.SafetyCommands:N0}, {r.FaultsReceived:N0}");
        table.AddRow("link", Markup.Escape(r.Transport));
        AnsiConsole.Write(table);
        Log.Info("sim-robot stopped ({Stop}): {Episodes} episodes, mean return {Return}, late {Late}, missing {Missing}",
            r.Stop, r.Episodes, r.MeanReturn, r.ActionsLate, r.ActionsMissing);
    }
}

/// <summary>The simulated robot's statistics as `sim-robot --out` writes them.</summary>
internal sealed record SimRobotReport(
    string Domain, int Seed, double PeriodSeconds, string Stop, int Episodes, double MeanReturn, IReadOnlyList<double> Returns,
    long Steps, long ActionsOnTime, long ActionsLate, long ActionsMissing, long ActionsMalformed, long SafetyCommands,
    long FaultsReceived, string? LastFault, long RuntimeLost, double RoundTripP50Microseconds, double RoundTripP99Microseconds,
    double RoundTripMaxMicroseconds, string Transport)
{
    public static SimRobotReport From(SimRobotOptions o, SimRobotStatistics s, SimRobotStop stop, string transport) => new(
        o.Domain, o.Seed, o.PeriodSeconds, stop.ToString(), s.EpisodeReturns.Count,
        s.EpisodeReturns.Count > 0 ? s.EpisodeReturns.Average() : 0, [.. s.EpisodeReturns],
        s.Steps, s.ActionsOnTime, s.ActionsLate, s.ActionsMissing, s.ActionsMalformed, s.SafetyCommands,
        s.FaultsReceived, s.LastFault, s.RuntimeLost, s.RoundTripMicroseconds(0.5), s.RoundTripMicroseconds(0.99),
        s.RoundTripMicroseconds(1.0), transport);
}
