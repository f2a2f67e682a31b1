using RobotPolicy.Cli.Experiments.Results;

namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>`robotpolicy imitate --method M` from the same seed's run of <paramref name="TeacherMethod"/>.</summary>
internal sealed record ImitateRun(string ImitationMethod, string TeacherMethod = "teacher") : MethodRun
{
    public override string ResultFile => "imitation.json";

    public override IReadOnlyList<string> Needs => [TeacherMethod];

    // imitate has no checkpoint to resume from: an interrupted imitation simply runs again (a few seconds).
    public override IReadOnlyList<string> Arguments(RunContext context) =>
    [
        "imitate", "--teacher", context.Directories[TeacherMethod], "--method", ImitationMethod, "--out", context.Directory,
        "--seed", context.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), .. context.Settings.ImitateArguments,
    ];

    public override RunOutcome ReadOutcome(string runDirectory) => RunOutcomeFiles.ReadImitationSummary(Path.Combine(runDirectory, ResultFile));
}
