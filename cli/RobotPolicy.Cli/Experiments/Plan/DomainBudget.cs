namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>A domain in a suite and the environment steps each of its training runs (teacher, RL student, aligned) gets.</summary>
internal sealed record DomainBudget(string Domain, long TrainSteps);
