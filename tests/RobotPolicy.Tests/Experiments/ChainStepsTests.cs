using RobotPolicy.Cli;
using RobotPolicy.Cli.Commands;
using RobotPolicy.Cli.Commands.Curves;
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
        Assert.Equal(0, rows["dagger"].SeedsWithCurve); // results from before student curves: no steps-to-90% column
        Assert.Equal(ResultsText.Missing, ResultsText.StepsToNinety(rows["dagger"]));
    }

    [Fact]
    public void Steps_to_ninety_percent_of_the_best_student_start_where_the_runs_a_student_builds_on_ended()
    {
        using var dir = new TemporaryDirectory();
        var suite = ExperimentSuites.Tiny with { Domains = [new DomainBudget("tigerdoor", 1024)], Methods = [ExperimentMethods.DaggerPpo, ExperimentMethods.StudentRl] };
        var plan = ExperimentPlan.Create(suite, seeds: 1, dir.Path);
        PlannedRun Run(string method) => plan.Runs.Single(r => r.Method.Name == method);
        void Write(PlannedRun run, string json, params StudentCurvePoint[] curve)
        {
            Directory.CreateDirectory(run.Directory);
            File.WriteAllText(run.ResultPath, json);
            if (curve.Length > 0)
            {
                StudentCurveFile.Start(run.Directory, 0);
                foreach (var point in curve)
                {
                    StudentCurveFile.Append(run.Directory, point);
                }
            }
        }
        string Summary(string agent, long steps) => CliJson.Serialize(new TrainSummary("tigerdoor", agent, 1, steps, 1, 1.0, 0.5, 16, 0.7, 0.3, -2.3, "", ""));
        // tigerdoor's best student is 0.3, so 90% of it is 0.27.
        Write(Run("teacher"), Summary("teacher", 1000));
        Write(Run("dagger"), CliJson.Serialize(new ImitationSummary("tigerdoor", "dagger", 1, "", 0.7, 0.28, 0.42, 0.3, -2.3, 2, 10, 0.5f, 16, "", EnvSteps: 100)),
            new StudentCurvePoint(50, 0.1, 32, "dagger"), new StudentCurvePoint(100, 0.28, 32, "dagger"), new StudentCurvePoint(100, 0.28, 200, "final"));
        Write(Run("dagger-ppo"), Summary("student-rl", 10), new StudentCurvePoint(5, 0.29, 32, "ppo"), new StudentCurvePoint(10, 0.3, 16, "final"));
        Write(Run("student-rl"), Summary("student-rl", 1024), new StudentCurvePoint(512, -1, 32, "ppo"), new StudentCurvePoint(1024, 0.2, 16, "final"));

        var runs = ResultsAggregator.Read(plan.Runs.Select(r => new RunReport(r, RunState.AlreadyDone)).ToList());
        var rows = ResultsAggregator.Build(plan, runs, "test", 1, 1).Domains.Single().Methods.ToDictionary(m => m.Method);
        Assert.Equal(1100, rows["dagger"].StepsToNinetyPercent!.Mean); // its teacher's 1000, then its own 100
        Assert.Equal(1105, rows["dagger-ppo"].StepsToNinetyPercent!.Mean); // the teacher's and DAgger's 1100, then 5
        Assert.Equal("1,105", ResultsText.StepsToNinety(rows["dagger-ppo"]));
        Assert.Equal("not reached", ResultsText.StepsToNinety(rows["student-rl"]));
        Assert.Equal(ResultsText.Missing, ResultsText.StepsToNinety(rows["teacher"])); // a teacher has no student
        Assert.Equal([(1050.0, 0.1), (1100.0, 0.28), (1100.0, 0.28)], runs.StudentCurves[Run("dagger")].OnChainSteps);

        var partly = rows["dagger"] with { SeedsWithCurve = 5, SeedsReachingNinetyPercent = 3 };
        Assert.Equal("1,100 (3 of 5 seeds)", ResultsText.StepsToNinety(partly));
    }
}
