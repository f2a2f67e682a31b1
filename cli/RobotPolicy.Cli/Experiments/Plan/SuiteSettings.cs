namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>Options a suite adds to every run's command line (the real suites add none; the test suite shrinks everything).</summary>
/// <param name="TrainConfigArguments">train options the checkpoint records: given only when a run starts, never with --resume.</param>
/// <param name="TrainSessionArguments">train options that apply to each invocation, resumed ones included.</param>
/// <param name="ImitateArguments">imitate options.</param>
internal sealed record SuiteSettings(
    IReadOnlyList<string> TrainConfigArguments, IReadOnlyList<string> TrainSessionArguments, IReadOnlyList<string> ImitateArguments)
{
    public static SuiteSettings None { get; } = new([], [], []);
}
