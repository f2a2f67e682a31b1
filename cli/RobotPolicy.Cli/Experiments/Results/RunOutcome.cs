namespace RobotPolicy.Cli.Experiments.Results;

/// <summary>
/// One finished run's numbers, whatever command produced them. A quantity the method does not have is null: a
/// teacher run has no student, an RL student no teacher, and imitate counts neither environment steps nor wall time.
/// </summary>
internal sealed record RunOutcome(double? TeacherReturn, double? StudentReturn, long? EnvSteps, double? WallSeconds)
{
    public double? ImitationGap => TeacherReturn - StudentReturn;
}
