namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>How a child robotpolicy process ended: its exit code (null when it could not be started) and wall time.</summary>
internal sealed record ChildExit(int? ExitCode, double WallSeconds, string? StartError = null)
{
    /// <summary>The code `train` exits with after Ctrl-C, once its checkpoint is saved.</summary>
    public const int Interrupted = 130;
}
