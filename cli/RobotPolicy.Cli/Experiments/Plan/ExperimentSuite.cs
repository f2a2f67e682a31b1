namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>A named set of domains (with their step budgets) and methods, and how many seeds it runs unless told otherwise.</summary>
/// <param name="Hidden">Not listed in --help: the suite exists for the tests.</param>
internal sealed record ExperimentSuite(
    string Name, string Description, IReadOnlyList<DomainBudget> Domains, IReadOnlyList<string> Methods, int DefaultSeeds,
    SuiteSettings Settings, bool Hidden = false);
