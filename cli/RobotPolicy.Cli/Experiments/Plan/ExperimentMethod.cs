namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>
/// One row of the method table: what the report calls it and what runs for it on a domain and seed.
/// </summary>
/// <param name="Name">Folder name under runs/&lt;domain&gt;/ and the key in results.json.</param>
/// <param name="Label">What tables and charts call it.</param>
/// <param name="Run">The robotpolicy command that produces one seed's result.</param>
/// <param name="AblationOf">For an ablation, the method it takes something away from: the report shows it in its
/// ablations section beside that method instead of among the main methods.</param>
internal sealed record ExperimentMethod(string Name, string Label, MethodRun Run, string? AblationOf = null)
{
    public bool IsAblation => AblationOf is not null;
}
