using System.CommandLine;
using RobotPolicy.Cli.Experiments.Execution;
using RobotPolicy.Cli.Experiments.Plan;
using RobotPolicy.Cli.Parsing;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// `robotpolicy experiment --suite quick|full --seeds N --out DIR [--jobs J]`: runs every method of a suite on each
/// of its domains and seeds as child robotpolicy processes, and writes results.json, results.md and report.html.
/// Re-running the same command finishes only what is missing.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var listed = string.Join("; ", ExperimentSuites.Listed.Select(s => $"{s.Name}: {s.Description}"));
        var suite = new Option<string>("--suite") { Description = listed, Required = true };
        var seeds = new Option<int?>("--seeds") { Description = "seeds per domain and method (default: the suite's)" };
        seeds.InRange(1, 1000);
        var output = new Option<string>("--out", "-o") { Description = "experiment folder: runs/, results.json, results.md, report.html", Required = true };
        var jobs = new Option<int>("--jobs", "-j") { Description = "runs at a time", DefaultValueFactory = _ => Environment.ProcessorCount };
        jobs.InRange(1, 256);
        var command = new Command("experiment", "Run methods x domains x seeds and write result tables and an HTML report (resumable)")
        {
            suite, seeds, output, jobs,
        };
        command.SetAction(parse => CommandGuard.Run("experiment", () =>
        {
            string name = parse.GetRequiredValue(suite);
            var chosen = ExperimentSuites.Find(name)
                ?? throw new CliUsageException($"--suite '{name}' is not one of {string.Join(", ", ExperimentSuites.Listed.Select(s => s.Name))}");
            // --seeds and --jobs are in range already (checked at parse time).
            int seedCount = parse.GetValue(seeds) ?? chosen.DefaultSeeds;
            int jobCount = parse.GetValue(jobs);
            string directory = Path.GetFullPath(parse.GetRequiredValue(output));
            Directory.CreateDirectory(directory);
            var plan = ExperimentPlan.Create(chosen, seedCount, directory);
            string typed = "robotpolicy " + CommandLineText.Join(Environment.GetCommandLineArgs().Skip(1));
            return ExperimentRunner.Run(plan, jobCount, typed);
        }));
        return command;
    }
}
