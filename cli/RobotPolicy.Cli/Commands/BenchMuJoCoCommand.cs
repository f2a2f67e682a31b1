using System.CommandLine;
using System.Globalization;
using RobotPolicy.Cli.Parsing;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Domains.Common;
using RobotPolicy.Trainer.Domains.MuJoCoArm;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>One batch size's stepping rate in `bench mujoco`.</summary>
internal sealed record MuJoCoBatchRate(int NumEnvs, double EnvStepsPerSecond, double PhysicsStepsPerSecond, double? OfTestspeed);

/// <summary>The result of `bench mujoco`.</summary>
internal sealed record MuJoCoBenchmarkResult(
    string Domain, int PhysicsStepsPerAction, int Cores, IReadOnlyList<MuJoCoBatchRate> Batches,
    double? TestspeedOneThread, double? TestspeedAllCores, string? TestspeedNotRun, string Machine);

/// <summary>
/// `robotpolicy bench mujoco`: how fast the mujoco-arm domain steps at several batch sizes (observations included,
/// stepped across cores as in training), next to mujoco-testspeed on the same model with one thread and with one per
/// core: what the library alone does on this machine.
/// </summary>
internal static class BenchMuJoCoCommand
{
    public static Command Create()
    {
        var envs = new Option<string>("--envs") { Description = "batch sizes to time, comma-separated", DefaultValueFactory = _ => "1,64,1024" };
        var seconds = new Option<double>("--seconds") { Description = "seconds of stepping per batch size", DefaultValueFactory = _ => 3 };
        seconds.InRange(0.1, 600.0);
        var json = new Option<bool>("--json") { Description = "print the result as JSON" };
        var output = new Option<string?>("--out", "-o") { Description = "also write the JSON result to this file" };
        var command = new Command("mujoco", "Stepping rate of the MuJoCo arm domain at several batch sizes, next to mujoco-testspeed on the same model") { envs, seconds, json, output };
        command.SetAction(parse => CommandGuard.Run("bench mujoco", () =>
        {
            var sizes = BatchSizeList.Parse("--envs", parse.GetValue(envs)!, 65_536, "1,64,1024");
            bool quiet = parse.GetValue(json);
            var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
            string model = Path.Combine(Path.GetTempPath(), $"robotpolicy-arm-{Environment.ProcessId}.xml");
            File.WriteAllText(model, ArmModel.Mjcf);
            try
            {
                int cores = Environment.ProcessorCount;
                const int testspeedSteps = 100_000;
                var (one, whyNot) = MuJoCoTestspeed.Measure(model, testspeedSteps, 1);
                var (all, _) = whyNot is null ? MuJoCoTestspeed.Measure(model, testspeedSteps, cores) : (null, null);
                var batches = new List<MuJoCoBatchRate>();
                foreach (int n in sizes)
                {
                    if (!quiet) AnsiConsole.MarkupLine($"stepping {n:N0} arms for {duration.TotalSeconds:0.#} s ...");
                    var rate = VectorEnvThroughput.Measure(DomainRegistry.Create(MuJoCoArmRules.Name, n), duration);
                    double physics = rate.StepsPerSecond * ArmTask.PhysicsStepsPerAction;
                    // One copy steps on one thread; a batch big enough to split uses every core.
                    double? floor = n == 1 ? one : all;
                    batches.Add(new MuJoCoBatchRate(n, rate.StepsPerSecond, physics, floor is double f ? physics / f : null));
                }
                var result = new MuJoCoBenchmarkResult(MuJoCoArmRules.Name, ArmTask.PhysicsStepsPerAction, cores, batches, one, all, whyNot,
                    RobotPolicy.Runtime.Diagnostics.MachineDescription.Current);
                return BenchOutput.Emit(CliJson.Serialize(result), parse.GetValue(output), quiet, () => Print(result));
            }
            finally
            {
                File.Delete(model);
            }
        }));
        return command;
    }

    private static void Print(MuJoCoBenchmarkResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(r.Machine)}[/]");
        var table = new Table().AddColumn("arms").AddColumn(new TableColumn("env steps/s").RightAligned())
            .AddColumn(new TableColumn($"physics steps/s (x{r.PhysicsStepsPerAction})").RightAligned())
            .AddColumn(new TableColumn("of mujoco-testspeed").RightAligned());
        foreach (var b in r.Batches)
        {
            table.AddRow(b.NumEnvs.ToString("N0", inv), b.EnvStepsPerSecond.ToString("N0", inv), b.PhysicsStepsPerSecond.ToString("N0", inv),
                b.OfTestspeed is double f ? f.ToString("0%", inv) : "-");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(r.TestspeedNotRun is { } why
            ? $"[grey]{Markup.Escape(why)}[/]"
            : $"mujoco-testspeed on the same model: {r.TestspeedOneThread?.ToString("N0", inv)} steps/s on 1 thread, {r.TestspeedAllCores?.ToString("N0", inv)} on {r.Cores} (1 arm is compared with 1 thread, batches with all cores)");
    }
}
