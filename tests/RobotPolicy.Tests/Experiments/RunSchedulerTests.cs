using RobotPolicy.Cli.Experiments.Execution;
using RobotPolicy.Cli.Experiments.Plan;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Experiments;

/// <summary>The scheduler with a fake launcher: parallelism, dependencies, skipping finished runs, carrying on past failures.</summary>
public class RunSchedulerTests
{
    private sealed class Recorder : IRunObserver
    {
        public List<string> Started { get; } = [];

        public List<RunReport> Ended { get; } = [];

        void IRunObserver.Started(PlannedRun run) => Started.Add(run.Name);

        void IRunObserver.Ended(RunReport report) => Ended.Add(report);
    }

    // Pretends to run: writes the result file (unless the run is to fail) after a short wait, tracking concurrency.
    private sealed class FakeLauncher(Func<PlannedRun, bool> fails)
    {
        private int _running;

        public int MaxConcurrent { get; private set; }

        public List<string> Launched { get; } = [];

        public async Task<ChildExit> Launch(PlannedRun run)
        {
            lock (Launched)
            {
                Launched.Add(run.Name);
                MaxConcurrent = Math.Max(MaxConcurrent, ++_running);
            }
            await Task.Delay(20);
            if (!fails(run))
            {
                Directory.CreateDirectory(run.Directory);
                File.WriteAllText(run.ResultPath, "{}");
            }
            lock (Launched)
            {
                _running--;
            }
            return new ChildExit(fails(run) ? 1 : 0, 0.02);
        }
    }

    private static ExperimentPlan Plan(string dir, int seeds = 2) => ExperimentPlan.Create(ExperimentSuites.Quick, seeds, dir);

    [Fact]
    public async Task Runs_everything_within_the_job_limit_and_after_what_each_run_needs()
    {
        using var dir = new TemporaryDirectory();
        var plan = Plan(dir.Path);
        var launcher = new FakeLauncher(_ => false);
        var observer = new Recorder();
        var reports = await new RunScheduler(plan.Runs, 3, launcher.Launch, observer).RunAsync(CancellationToken.None);

        Assert.All(reports, r => Assert.Equal(RunState.Succeeded, r.State));
        Assert.Equal(plan.Runs.Count, launcher.Launched.Count);
        Assert.InRange(launcher.MaxConcurrent, 2, 3);
        foreach (var run in plan.Runs)
        {
            Assert.All(run.Needs, need => Assert.True(observer.Ended.FindIndex(r => r.Run == need) < observer.Started.IndexOf(run.Name)));
        }
    }

    [Fact]
    public async Task A_run_whose_result_exists_is_not_run_again()
    {
        using var dir = new TemporaryDirectory();
        var plan = Plan(dir.Path);
        var done = plan.Runs.Where(r => r.Seed == 1).ToArray();
        foreach (var run in done)
        {
            Directory.CreateDirectory(run.Directory);
            File.WriteAllText(run.ResultPath, "{}");
        }
        var launcher = new FakeLauncher(_ => false);
        var reports = await new RunScheduler(plan.Runs, 2, launcher.Launch, new Recorder()).RunAsync(CancellationToken.None);

        Assert.Equal(plan.Runs.Where(r => r.Seed == 2).Select(r => r.Name).Order(), launcher.Launched.Order());
        Assert.All(reports.Where(r => r.Run.Seed == 1), r => Assert.Equal(RunState.AlreadyDone, r.State));
    }

    [Fact]
    public async Task A_failed_run_blocks_only_the_runs_that_need_it()
    {
        using var dir = new TemporaryDirectory();
        var plan = Plan(dir.Path);
        bool Fails(PlannedRun r) => r.Domain == "tigerdoor" && r.Method.Name == "teacher" && r.Seed == 1;
        var launcher = new FakeLauncher(Fails);
        var reports = await new RunScheduler(plan.Runs, 2, launcher.Launch, new Recorder()).RunAsync(CancellationToken.None);

        var byName = reports.ToDictionary(r => r.Run.Name);
        Assert.Equal(RunState.Failed, byName["tigerdoor/teacher/seed-1"].State);
        Assert.Equal("exit code 1", byName["tigerdoor/teacher/seed-1"].Reason);
        Assert.Equal(RunState.Blocked, byName["tigerdoor/dagger/seed-1"].State);
        Assert.Equal(RunState.Blocked, byName["tigerdoor/bc/seed-1"].State);
        Assert.Contains("tigerdoor/teacher/seed-1", byName["tigerdoor/dagger/seed-1"].Reason);
        Assert.Equal(plan.Runs.Count - 3, reports.Count(r => r.State == RunState.Succeeded));
        Assert.DoesNotContain("tigerdoor/dagger/seed-1", launcher.Launched);
    }

    [Fact]
    public async Task A_run_that_exits_0_without_its_result_file_has_failed()
    {
        using var dir = new TemporaryDirectory();
        var plan = ExperimentPlan.Create(ExperimentSuites.Tiny with { Methods = ["teacher"], Domains = ExperimentSuites.Tiny.Domains.Take(1).ToArray() }, 1, dir.Path);
        var reports = await new RunScheduler(plan.Runs, 1, _ => Task.FromResult(new ChildExit(0, 0)), new Recorder()).RunAsync(CancellationToken.None);
        var report = Assert.Single(reports);
        Assert.Equal(RunState.Failed, report.State);
        Assert.Equal("exited 0 but wrote no summary.json", report.Reason);
    }

    [Fact]
    public async Task After_stop_nothing_new_starts_and_the_rest_is_reported_not_started()
    {
        using var dir = new TemporaryDirectory();
        var plan = Plan(dir.Path);
        using var stop = new CancellationTokenSource();
        var launcher = new FakeLauncher(_ => false);
        var reports = await new RunScheduler(plan.Runs, 2, async run =>
        {
            stop.Cancel();
            return await launcher.Launch(run);
        }, new Recorder()).RunAsync(stop.Token);

        Assert.Equal(2, launcher.Launched.Count);
        Assert.Equal(plan.Runs.Count - 2, reports.Count(r => r.State == RunState.NotStarted));
    }
}
