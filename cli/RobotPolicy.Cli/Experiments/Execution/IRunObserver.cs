using RobotPolicy.Cli.Experiments.Plan;

namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>Told by the scheduler, one call at a time, as runs start and end (the progress display, the log).</summary>
internal interface IRunObserver
{
    void Started(PlannedRun run);

    void Ended(RunReport report);
}
