using RobotPolicy.Cli.Experiments.Plan;

namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>What happened to one planned run in this invocation.</summary>
/// <param name="Reason">For a run without a result: why, in a few words (exit code, missing result, failed dependency).</param>
internal sealed record RunReport(PlannedRun Run, RunState State, string? Reason = null);
