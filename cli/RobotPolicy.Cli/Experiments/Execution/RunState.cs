namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>Where a planned run ended up after this invocation.</summary>
internal enum RunState
{
    /// <summary>Its result file was already there: not run again.</summary>
    AlreadyDone,

    /// <summary>Ran now and wrote its result file.</summary>
    Succeeded,

    /// <summary>Ran now and exited non-zero, or wrote no result; its log says why.</summary>
    Failed,

    /// <summary>Not started because a run it needs failed.</summary>
    Blocked,

    /// <summary>Stopped by Ctrl-C (a train run saved its checkpoint and resumes next time).</summary>
    Interrupted,

    /// <summary>Not started because the experiment was interrupted first.</summary>
    NotStarted,
}

internal static class RunStates
{
    public static bool HasResult(this RunState state) => state is RunState.AlreadyDone or RunState.Succeeded;

    public static bool IsFailure(this RunState state) => state is RunState.Failed or RunState.Blocked;
}
