using RobotPolicy.Cli.Experiments.Results;

namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>
/// How a method's run is carried out: which robotpolicy command, which runs it needs first, which file says it
/// finished, and how that file reads as a result. A new kind of method (e.g. imitation followed by PPO fine-tuning)
/// is a new subclass; a new variant of an existing kind is only a new row in <see cref="ExperimentMethods"/>.
/// </summary>
internal abstract record MethodRun
{
    /// <summary>The file the command writes last, only on success: its presence means the run is done.</summary>
    public abstract string ResultFile { get; }

    /// <summary>Methods whose run on the same domain and seed must have finished first.</summary>
    public virtual IReadOnlyList<string> Needs => [];

    /// <summary>The command line after `robotpolicy`.</summary>
    public abstract IReadOnlyList<string> Arguments(RunContext context);

    /// <summary>Reads the finished run's result file.</summary>
    public abstract RunOutcome ReadOutcome(string runDirectory);
}

/// <summary>What a run's command line is built from.</summary>
/// <param name="Directories">Run folders of this run's <see cref="MethodRun.Needs"/>, by method name.</param>
internal sealed record RunContext(string Domain, int Seed, string Directory, DomainBudget Budget, SuiteSettings Settings,
    IReadOnlyDictionary<string, string> Directories);
