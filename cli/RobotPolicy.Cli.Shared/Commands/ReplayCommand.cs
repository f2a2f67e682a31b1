using System.CommandLine;
using System.Globalization;
using RobotPolicy.Control.Loop;
using RobotPolicy.Control.Telemetry;
using RobotPolicy.Runtime.Session;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>`robotpolicy replay`: what a telemetry log holds, and a bit-exact re-run of the policy on its observations.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var log = new Argument<string>("log") { Description = "telemetry log written by `robotpolicy run --telemetry`" };
        var bundle = new Option<string?>("--bundle") { Description = "policy bundle to re-run (default: the one the log names, beside the log or as recorded)" };
        var noCheck = new Option<bool>("--no-check") { Description = "only summarize the log; do not re-run the policy" };
        var hgrm = HgrmOption.Create("logged sensor → action");
        var command = new Command("replay", "Summarize a telemetry log and re-run the policy on its observations (bit-exact check)") { log, bundle, noCheck, hgrm };
        command.SetAction(parse => CommandGuard.Run("replay", () =>
        {
            string logPath = parse.GetRequiredValue(log);
            TelemetryLog telemetry = TelemetryLog.Read(logPath);
            var statistics = Summarize(logPath, telemetry);
            if (parse.GetValue(hgrm) is { } hgrmPath)
            {
                HgrmOption.Report(HgrmOption.Write(hgrmPath, [new("sensor-to-action", statistics.Latency)]), quiet: false);
            }
            if (parse.GetValue(noCheck))
            {
                return 0;
            }
            string bundlePath = parse.GetValue(bundle) ?? LocateBundle(logPath, telemetry.Header);
            using var session = PolicySession.Open(bundlePath);
            if (!string.Equals(session.Metadata.WeightsSha256, telemetry.Header.WeightsSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new CliUsageException($"{bundlePath} has weights {Short(session.Metadata.WeightsSha256)}; the log was recorded with {Short(telemetry.Header.WeightsSha256)}: not the same policy");
            }
            ReplayCheck check = TelemetryReplay.Check(telemetry, new SessionPolicy(session));
            if (check.StoppedEarly is { } early)
            {
                AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(early)}");
            }
            if (check.BitExact || (check.StoppedEarly is not null && check.Checked == check.Identical && check.Checked > 0))
            {
                AnsiConsole.MarkupLine($"[green]bit-exact[/]: {check.Identical:N0} of {check.Checked:N0} policy steps re-run on {Markup.Escape(Path.GetFileName(bundlePath))} give the recorded outputs");
                return 0;
            }
            AnsiConsole.MarkupLine(check.Checked == 0
                ? "[red]nothing to check[/]: the log holds no policy steps"
                : $"[red]not bit-exact[/]: {check.Identical:N0} of {check.Checked:N0} identical; first difference at {Markup.Escape(check.FirstMismatch ?? "")}");
            return CommandGuard.UserError;
        }));
        return command;
    }

    private static string Short(string sha) => sha.Length > 16 ? sha[..16] + "…" : sha;

    private static string LocateBundle(string logPath, TelemetryHeader header)
    {
        string beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(logPath)) ?? ".", Path.GetFileName(header.BundlePath));
        if (File.Exists(beside))
        {
            return beside;
        }
        if (File.Exists(header.BundlePath))
        {
            return header.BundlePath;
        }
        throw new CliUsageException($"the log was recorded with {header.BundlePath}, which is neither beside the log nor at that path: give it with --bundle");
    }

    private static CycleStatistics Summarize(string path, TelemetryLog log)
    {
        var inv = CultureInfo.InvariantCulture;
        var cycles = log.Cycles;
        // The same statistics the run printed each second, over the whole log.
        var statistics = new CycleStatistics();
        foreach (var c in cycles)
        {
            statistics.Add(c);
        }
        ControlSummary summary = statistics.Summarize(telemetryDropped: 0);
        double seconds = cycles.Count > 1 ? (cycles[^1].SentNanoseconds - cycles[0].ReceivedNanoseconds) / 1e9 : 0;
        var table = new Table().AddColumn(Markup.Escape(Path.GetFileName(path))).AddColumn("");
        table.AddRow("bundle, weights", Markup.Escape($"{log.Header.BundlePath}, {Short(log.Header.WeightsSha256)}"));
        table.AddRow("robot, link", Markup.Escape($"{log.Header.RobotName}, {log.Header.Transport}"));
        table.AddRow("period", $"{log.Header.PeriodNanoseconds / 1e6:0.###} ms");
        table.AddRow("cycles", $"{cycles.Count:N0} over {seconds.ToString("0.0", inv)} s");
        foreach (CycleKind kind in Enum.GetValues<CycleKind>())
        {
            int n = cycles.Count(c => c.Kind == kind);
            if (n > 0)
            {
                table.AddRow($"  {CycleKinds.Name(kind)}", n.ToString("N0", inv));
            }
        }
        table.AddRow("history resets", cycles.Count(c => c.HistoryReset).ToString("N0", inv));
        if (summary.PolicyCycles > 0)
        {
            table.AddRow("sensor → action p50 / p99 / max (µs)", $"{summary.LatencyP50Microseconds:0} / {summary.LatencyP99Microseconds:0} / {summary.LatencyMaxMicroseconds:0}");
            table.AddRow("policy step p50 / p99 (µs)", $"{summary.InferenceP50Microseconds:0} / {summary.InferenceP99Microseconds:0}");
        }
        AnsiConsole.Write(table);
        if (log.CutOff is { } cut)
        {
            AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(cut)}");
        }
        return statistics;
    }
}
