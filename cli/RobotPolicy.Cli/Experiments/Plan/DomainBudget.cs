namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>A domain in a suite and the environment steps each of its training runs (teacher, RL student, aligned) gets.</summary>
/// <param name="AlignedArguments">Options of the aligned method (and its ablations) set for this domain, as option/value
/// pairs; an ablation's own setting of the same option wins.</param>
internal sealed record DomainBudget(string Domain, long TrainSteps, string[]? AlignedArguments = null)
{
    /// <summary><see cref="AlignedArguments"/> without the options <paramref name="rowArguments"/> already sets.</summary>
    public IEnumerable<string> AlignedArgumentsNotIn(IReadOnlyList<string> rowArguments)
    {
        var given = AlignedArguments ?? [];
        for (int i = 0; i + 1 < given.Length; i += 2)
        {
            if (!rowArguments.Contains(given[i]))
            {
                yield return given[i];
                yield return given[i + 1];
            }
        }
    }
}
