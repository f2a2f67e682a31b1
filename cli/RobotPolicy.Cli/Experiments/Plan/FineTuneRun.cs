using RobotPolicy.Cli.Experiments.Results;
using RobotPolicy.Trainer.Checkpoints;

namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>
/// PPO fine-tuning of an imitation student: `robotpolicy train --agent student-rl --init-from` the same seed's run
/// of <paramref name="ImitationMethod"/>, for the domain's step budget (the costly remedy the aligned method
/// replaces). A run interrupted earlier continues with --resume.
/// </summary>
internal sealed record FineTuneRun(string ImitationMethod) : MethodRun
{
    public override string ResultFile => "summary.json";

    public override IReadOnlyList<string> Needs => [ImitationMethod];

    public override IReadOnlyList<string> Arguments(RunContext context)
    {
        var start = new TrainRun(AgentNames.StudentRl, "--init-from", context.Directories[ImitationMethod]);
        return start.Arguments(context);
    }

    public override RunOutcome ReadOutcome(string runDirectory) => RunOutcomeFiles.ReadTrainSummary(Path.Combine(runDirectory, ResultFile));
}
