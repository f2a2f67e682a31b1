using System.CommandLine;
using RobotPolicy.Control.Doctor;
using RobotPolicy.Runtime.Diagnostics;
using RobotPolicy.Runtime.Session;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>`robotpolicy doctor`: is this machine ready to run a policy on a robot, and what to fix if not.
/// The checks are <see cref="Doctor"/>'s (runtime/RobotPolicy.Control/Doctor); this only prints them.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "print the findings as JSON only" };
        var serial = new Option<string[]>("--serial")
        {
            Description = "serial device to check (repeatable; default: every /dev/ttyUSB*, /dev/ttyACM*, /dev/ttyTHS* there is)",
        };
        var provider = new Option<string>("--provider")
        {
            Description = $"the execution provider the robot will use, which must start ({string.Join(", ", ExecutionProviders.All)}); the others only warn",
            DefaultValueFactory = _ => ExecutionProviders.Cpu,
        };
        var priority = new Option<int>("--priority") { Description = "SCHED_FIFO priority to try, as `run --priority` (1-99)", DefaultValueFactory = _ => 80 };
        var command = new Command("doctor",
            "Check this machine for running a policy: ONNX Runtime and its version, execution providers, CPU governor, real-time permission, serial devices, clock source")
        {
            json, serial, provider, priority,
        };
        command.SetAction(parse => CommandGuard.Run("doctor", () =>
        {
            string[]? devices = parse.GetValue(serial);
            var options = new DoctorOptions
            {
                SerialDevices = devices is { Length: > 0 } ? devices : null,
                RequiredProvider = ExecutionProviders.Normalize(parse.GetValue(provider) ?? ExecutionProviders.Cpu),
                RealtimePriority = parse.GetValue(priority) is int p and >= 1 and <= 99
                    ? p
                    : throw new CliUsageException($"--priority {parse.GetValue(priority)} is not in 1..99"),
            };
            var checks = Doctor.RunAll(options);
            if (parse.GetValue(json))
            {
                Console.WriteLine(DoctorJson.Serialize(checks));
            }
            else
            {
                Print(checks);
            }
            return Doctor.ExitCode(checks);
        }));
        return command;
    }

    private static void Print(IReadOnlyList<DoctorCheck> checks)
    {
        AnsiConsole.MarkupLine(Markup.Escape(MachineDescription.Current));
        bool fixes = checks.Any(c => c.Fix is not null);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("check").AddColumn("status").AddColumn("finding");
        if (fixes)
        {
            table.AddColumn("fix");
        }
        foreach (var c in checks)
        {
            string color = c.Status switch
            {
                DoctorStatus.Ok => "green",
                DoctorStatus.Warn => "yellow",
                DoctorStatus.Fail => "red",
                _ => "grey",
            };
            var row = new List<Markup>
            {
                new(Markup.Escape(c.Name)), new($"[{color}]{Doctor.StatusName(c.Status)}[/]"), new(Markup.Escape(c.Finding)),
            };
            if (fixes)
            {
                row.Add(new Markup(Markup.Escape(c.Fix ?? "")));
            }
            table.AddRow(row);
        }
        AnsiConsole.Write(table);
        int Count(DoctorStatus s) => checks.Count(c => c.Status == s);
        AnsiConsole.MarkupLine($"{Count(DoctorStatus.Ok)} ok, {Count(DoctorStatus.Warn)} warn, {Count(DoctorStatus.Fail)} fail, {Count(DoctorStatus.Skip)} skip: " +
            (Count(DoctorStatus.Fail) == 0 ? "[green]ready to run[/]" : "[red]fix the failures before `robotpolicy run`[/]"));
    }
}
