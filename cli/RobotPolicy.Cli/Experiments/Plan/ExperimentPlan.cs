namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>
/// Every run of a suite, dependencies first. Seeds are the outer loop, so an experiment stopped half-way has whole
/// seeds of every cell rather than every seed of a few cells.
/// </summary>
internal sealed class ExperimentPlan
{
    private ExperimentPlan(ExperimentSuite suite, int seeds, string directory, IReadOnlyList<ExperimentMethod> methods, IReadOnlyList<PlannedRun> runs)
    {
        Suite = suite;
        Seeds = seeds;
        Directory = directory;
        Methods = methods;
        Runs = runs;
    }

    public ExperimentSuite Suite { get; }

    public int Seeds { get; }

    public string Directory { get; }

    /// <summary>The suite's methods plus any they need, in method-table order.</summary>
    public IReadOnlyList<ExperimentMethod> Methods { get; }

    public IReadOnlyList<PlannedRun> Runs { get; }

    public static string RunDirectory(string experimentDirectory, string domain, string method, int seed) =>
        Path.Combine(experimentDirectory, "runs", domain, method, $"seed-{seed}");

    public static ExperimentPlan Create(ExperimentSuite suite, int seeds, string directory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        var methods = WithNeeds(suite.Methods);
        var runs = new List<PlannedRun>();
        for (int seed = 1; seed <= seeds; seed++)
        {
            foreach (var budget in suite.Domains)
            {
                var byMethod = new Dictionary<string, PlannedRun>();
                foreach (var method in methods)
                {
                    var needs = method.Run.Needs.Select(n => byMethod[n]).ToArray();
                    var run = new PlannedRun(budget.Domain, method, seed, RunDirectory(directory, budget.Domain, method.Name, seed), budget, needs);
                    byMethod[method.Name] = run;
                    runs.Add(run);
                }
            }
        }
        return new ExperimentPlan(suite, seeds, directory, methods, runs);
    }

    /// <summary>The command line after `robotpolicy` for <paramref name="run"/>.</summary>
    public IReadOnlyList<string> Arguments(PlannedRun run) =>
        run.Method.Run.Arguments(new RunContext(run.Domain, run.Seed, run.Directory, run.Budget, Suite.Settings,
            run.Needs.ToDictionary(n => n.Method.Name, n => n.Directory)));

    // Adds the methods a named method needs (an imitation needs its teacher) and orders them as the method table
    // does, which lists every method after the ones it needs.
    private static ExperimentMethod[] WithNeeds(IEnumerable<string> names)
    {
        var wanted = new HashSet<string>();
        var pending = new Stack<string>(names);
        while (pending.TryPop(out var name))
        {
            if (wanted.Add(name))
            {
                foreach (var need in ExperimentMethods.Get(name).Run.Needs)
                {
                    pending.Push(need);
                }
            }
        }
        return ExperimentMethods.All.Where(m => wanted.Contains(m.Name)).ToArray();
    }
}
