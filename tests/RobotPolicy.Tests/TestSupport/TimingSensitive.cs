namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Tests whose outcome depends on real time (a robot that must get its action within its control period, a
/// watchdog that must trip within its timeout). xunit runs this collection alone, after the parallel ones, so a
/// 2-core CI machine busy with training tests does not starve them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
