using RobotPolicy.Cli;
using RobotPolicy.Cli.Commands;
using RobotPolicy.Cli.Experiments.Execution;
using RobotPolicy.Cli.Experiments.Plan;
using RobotPolicy.Cli.Experiments.Results;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Experiments;

/// <summary>A student built on other runs is charged their environment steps too.</summary>
public class ChainStepsTests
{
    [Fact]
    public void Dagger_and_fine_tuning_rows_count_the_steps_of_the_runs_they_build_on()
    {
        using var dir = new TemporaryDirectory();
        var suite = ExperimentSuites.Tiny with { Domains = [new DomainBudget("tigerdoor", 1024)], Methods = [ExperimentMethods.DaggerPpo] };
        var plan = ExperimentPlan.Create(suite, seeds: 1, dir.Path);
        PlannedRun Run(string method) => plan.Runs.Single(r => r.Method.Name == method);
        void Write(PlannedRun run, string json)
        {
            Directory.CreateDirectory(run.Directory);
            File.WriteAllText(run.ResultPath, json);
        }
        string Summary(string agent, long steps) => CliJson.Serialize(new TrainSummary("tigerdoor", agent, 1, steps, 1, 1.0, 0.5, 16, 0.7, 0.3, -2.3, "", ""));
        Write(Run("teacher"), Summary("teacher", 1000));
        Write(Run("dagger"), CliJson.Serialize(new ImitationSummary("tigerdoor", "dagger", 1, "", 0.7, -1, 1.7, 0.3, -2.3, 1, 10, 0.5f, 16, "", EnvSteps: 100)));
        Write(Run("dagger-ppo"), Summary("student-rl", 10));

        var results = ResultsAggregator.Build(plan, plan.Runs.Select(r => new RunReport(r, RunState.AlreadyDone)).ToList(), "test", 1, 1);
        var rows = results.Domains.Single().Methods.ToDictionary(m => m.Method);
        Assert.Equal(1000, rows["teacher"].EnvSteps!.Mean);
        Assert.Equal(1100, rows["dagger"].EnvSteps!.Mean);
        Assert.Equal(1110, rows["dagger-ppo"].EnvSteps!.Mean);
    }
}
