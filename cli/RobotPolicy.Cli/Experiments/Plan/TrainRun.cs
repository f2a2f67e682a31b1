using RobotPolicy.Cli.Experiments.Results;
using RobotPolicy.Trainer.Checkpoints;

namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>
/// `robotpolicy train --agent A` for the domain's step budget, plus the row's own options. A run interrupted
/// earlier (a checkpoint but no summary.json) continues with --resume instead of starting over.
/// </summary>
internal sealed record TrainRun(string Agent, params string[] ExtraArguments) : MethodRun
{
    public override string ResultFile => "summary.json";

    public override IReadOnlyList<string> Arguments(RunContext context)
    {
        var args = new List<string> { "train", "--out", context.Directory, "--steps", context.Budget.TrainSteps.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (File.Exists(Path.Combine(context.Directory, TrainingCheckpoint.FileName)))
        {
            // Domain, agent, seed and configuration come from the checkpoint; passing them again could only disagree.
            args.Add("--resume");
        }
        else
        {
            args.AddRange(["--domain", context.Domain, "--agent", Agent, "--seed", context.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            args.AddRange(ExtraArguments);
            if (Agent == AgentNames.Aligned)
            {
                args.AddRange(context.Budget.AlignedArgumentsNotIn(ExtraArguments));
            }
            args.AddRange(context.Settings.TrainConfigArguments);
        }
        args.AddRange(context.Settings.TrainSessionArguments);
        return args;
    }

    public override RunOutcome ReadOutcome(string runDirectory) => RunOutcomeFiles.ReadTrainSummary(Path.Combine(runDirectory, ResultFile));
}
