using System.CommandLine;
using System.Globalization;
using RobotPolicy.Bridge.Serial;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Cli.Parsing;
using RobotPolicy.Control.Hil;
using RobotPolicy.Runtime.Diagnostics;
using Spectre.Console;

namespace RobotPolicy.Cli.HilBench;

/// <summary>What `bench serial` writes to bench-serial.json.</summary>
internal sealed record SerialBenchResult(string Command, string Machine, string Link, IReadOnlyList<SerialRoundTripResult> Drivers);

/// <summary>
/// `robotpolicy bench serial`: round-trip latency and allocations of both serial drivers (termios and
/// System.IO.Ports) on one link, a socat pseudo-terminal pair by default or a real port with a loopback plug.
/// </summary>
internal static class BenchSerialCommand
{
    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();

    public static Command Create()
    {
        var baud = new Option<int>("--baud") { Description = $"baud rate, standard or not ({BaudRates.Minimum} to {BaudRates.Maximum})", DefaultValueFactory = _ => 921_600 };
        var bytes = new Option<int>("--bytes") { Description = "bytes per round trip (a frame; 1 to 65536)", DefaultValueFactory = _ => 300 };
        var roundTrips = new Option<int>("--round-trips") { Description = "measured round trips per driver (10 to 10,000,000), after 10% as many warm-up ones", DefaultValueFactory = _ => 5000 };
        var device = new Option<string?>("--device") { Description = "a real serial port with a loopback plug (TX wired to RX); default: a socat pseudo-terminal pair with an echo" };
        var output = new Option<string>("--out", "-o") { Description = "folder for bench-serial.json", DefaultValueFactory = _ => "bench-serial" };
        baud.InRange(BaudRates.Minimum, BaudRates.Maximum);
        bytes.InRange(1, 65_536);
        roundTrips.InRange(10, 10_000_000);
        var command = new Command("serial", "Round-trip latency of both serial drivers (termios, System.IO.Ports) on one link") { baud, bytes, roundTrips, device, output };
        command.SetAction(parse => CommandGuard.Run("bench serial", () =>
        {
            var options = new SerialRoundTripOptions(parse.GetValue(baud), parse.GetValue(bytes), parse.GetValue(roundTrips),
                Math.Max(1, parse.GetValue(roundTrips) / 10), parse.GetValue(device));
            string folder = parse.GetValue(output)!;
            string line = $"robotpolicy bench serial --baud {options.Baud} --bytes {options.FrameBytes} --round-trips {options.RoundTrips}" +
                (options.Device is { } d ? $" --device {d}" : "");
            var progress = new Progress<string>(what =>
            {
                Log.Info("bench serial: {What}", what);
                AnsiConsole.MarkupLine(Markup.Escape(what) + " ...");
            });
            IReadOnlyList<SerialRoundTripResult> drivers;
            try
            {
                drivers = SerialRoundTripBenchmark.Run(options, progress);
            }
            catch (IOException e)
            {
                throw new CliUsageException(e.Message);
            }
            var result = new SerialBenchResult(line, MachineDescription.Current,
                options.Device is null ? "a socat pseudo-terminal pair, echoed by the termios driver on the far end" : $"{options.Device} with a loopback plug",
                drivers);
            Print(result);
            Directory.CreateDirectory(folder);
            string json = Path.Combine(folder, "bench-serial.json");
            AtomicFile.WriteAllText(json, RuntimeJson.Serialize(result));
            AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(json)}[/]");
            return 0;
        }));
        return command;
    }

    private static void Print(SerialBenchResult r)
    {
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(r.Machine)}; {Markup.Escape(r.Link)}[/]");
        var table = new Table().AddColumn("driver").AddColumn(new TableColumn("p50 µs").RightAligned())
            .AddColumn(new TableColumn("p99 µs").RightAligned()).AddColumn(new TableColumn("p99.9 µs").RightAligned())
            .AddColumn(new TableColumn("max µs").RightAligned()).AddColumn(new TableColumn("B/round trip").RightAligned());
        foreach (var d in r.Drivers)
        {
            if (d.Refused is { } why)
            {
                table.AddRow(Markup.Escape(d.Driver), "-", "-", "-", "-", Markup.Escape($"refused: {why}"));
                continue;
            }
            table.AddRow(Markup.Escape(d.Driver), F(d.P50Us), F(d.P99Us), F(d.P999Us), F(d.MaxUs), d.AllocatedBytesPerRoundTrip.ToString("0", CultureInfo.InvariantCulture));
            Log.Info("bench serial {Driver}: p50 {P50} p99 {P99} p99.9 {P999} max {Max} us, {Bytes} B per round trip",
                d.Driver, d.P50Us, d.P99Us, d.P999Us, d.MaxUs, d.AllocatedBytesPerRoundTrip);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{r.Drivers[0].RoundTrips:N0} round trips of {r.Drivers[0].FrameBytes} bytes at {r.Drivers[0].Baud:N0} baud per driver");
    }

    private static string F(double v) => v.ToString(v < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
