using System.CommandLine;
using RobotPolicy.Cli.Commands;

namespace RobotPolicy.Runtime.Cli;

/// <summary>Builds the `robotpolicy-runtime` command tree: the runtime-side commands of `robotpolicy`, nothing else.</summary>
internal static class RuntimeCliApp
{
    /// <summary>
    /// Every command robotpolicy-runtime has. A new runtime-side command (`doctor`, `bench hil`) goes in
    /// cli/RobotPolicy.Cli.Shared/Commands and is registered here (and in robotpolicy's CliApp). It may not need the
    /// trainer, the exporter's writer or the simulated robot; tests/RobotPolicy.Tests/Cli/RuntimeCliTests.cs checks.
    /// </summary>
    private static IEnumerable<Command> Commands() =>
    [
        InspectCommand.Create(),
        RunCommand.Create(),
        ReplayCommand.Create(),
        DoctorCommand.Create(),
        EvaluateCommand.Create(),
    ];

    /// <summary>The `bench` subcommands.</summary>
    private static IEnumerable<Command> BenchCommands() =>
    [
        BenchInferCommand.Create(),
        FirstStepCommand.Create(),
        RobotPolicy.Cli.HilBench.BenchHilCommand.Create(),
        RobotPolicy.Cli.HilBench.BenchSerialCommand.Create(),
        RobotPolicy.Cli.GpuBench.BenchGpuCommand.Create(),
    ];

    public static RootCommand Build()
    {
        var root = new RootCommand("robotpolicy-runtime: run policy bundles on the robot (the runtime-side commands of robotpolicy, without the trainer).");
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }
        var bench = new Command("bench", "Benchmarks");
        foreach (var command in BenchCommands())
        {
            bench.Subcommands.Add(command);
        }
        root.Subcommands.Add(bench);
        return root;
    }

    public static int Run(string[] args) => RobotPolicy.Cli.Parsing.CommandLineRunner.Run(Build(), "robotpolicy-runtime", args);
}
