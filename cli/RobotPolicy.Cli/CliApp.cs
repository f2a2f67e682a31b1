using System.CommandLine;
using RobotPolicy.Cli.Commands;

namespace RobotPolicy.Cli;

/// <summary>Builds the `robotpolicy` command tree and runs it.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        CommandGuard.MoreUserErrors = static e => e is RobotPolicy.Exporter.ExportException
            or RobotPolicy.Trainer.TorchExtensions.TorchSetupException
            or RobotPolicy.Bridge.Benchmarks.CodecBenchmarkException or RobotPolicy.SimRobot.SimRobotException
            or RobotPolicy.MuJoCo.MuJoCoUnavailableException or RobotPolicy.MuJoCo.MuJoCoModelException;
        var bench = new Command("bench", "Benchmarks") { BenchInferCommand.Create(), BenchTrainCommand.Create(), BenchCodecCommand.Create(), BenchMuJoCoCommand.Create(), HilBench.BenchHilCommand.Create(ExampleBundle, static (domain, seed) => new RobotPolicy.SimRobot.DomainPlant(domain, seed)), HilBench.BenchSerialCommand.Create(), GpuBench.BenchGpuCommand.Create() };
        return new RootCommand("RobotPolicy: train robot policies, export them to ONNX, and run them on the robot.")
        {
            DemoCommand.Create(),
            TrainCommand.Create(),
            ImitateCommand.Create(),
            ExperimentCommand.Create(),
            ExampleCommand.Create(),
            ExportCommand.Create(),
            InspectCommand.Create(),
            RunCommand.Create(),
            SimRobotCommand.Create(),
            ReplayCommand.Create(),
            DoctorCommand.Create(),
            EvaluateCommand.Create(),
            bench,
        };
    }

    public static int Run(string[] args) => Parsing.CommandLineRunner.Run(Build(), "robotpolicy", args);

    /// <summary>`bench hil`'s default bundle: the built-in example, exported into the output folder once.</summary>
    private static string ExampleBundle(string folder)
    {
        string path = Path.Combine(folder, "example.onnx");
        if (!File.Exists(path))
        {
            RobotPolicy.Exporter.PolicyExporter.Export(RobotPolicy.Exporter.Examples.ExamplePolicy.CreatePolicy(seed: 7), path, "bench hil default policy");
        }
        return path;
    }
}
