namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>One method on one domain with one seed, in its own folder DIR/runs/&lt;domain&gt;/&lt;method&gt;/seed-&lt;k&gt;.</summary>
/// <param name="Needs">Runs that must have succeeded before this one can start.</param>
internal sealed record PlannedRun(string Domain, ExperimentMethod Method, int Seed, string Directory, DomainBudget Budget, IReadOnlyList<PlannedRun> Needs)
{
    public string Name => $"{Domain}/{Method.Name}/seed-{Seed}";

    public string ResultPath => Path.Combine(Directory, Method.Run.ResultFile);

    /// <summary>The run's stdout and stderr, appended to by every attempt.</summary>
    public string LogPath => Path.Combine(Directory, "log.txt");

    public bool IsDone => File.Exists(ResultPath);
}
