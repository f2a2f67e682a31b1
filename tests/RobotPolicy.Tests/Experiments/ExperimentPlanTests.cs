using RobotPolicy.Cli.Experiments.Plan;
using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.Tests.Experiments;

/// <summary>The method table, the suites, and the runs and command lines a plan makes of them.</summary>
public class ExperimentPlanTests
{
    [Fact]
    public void Method_table_has_unique_names_lists_needs_first_and_ablates_known_methods()
    {
        var names = ExperimentMethods.All.Select(m => m.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        foreach (var (method, index) in ExperimentMethods.All.Select((m, i) => (m, i)))
        {
            Assert.All(method.Run.Needs, need => Assert.InRange(names.IndexOf(need), 0, index - 1));
            if (method.AblationOf is { } of)
            {
                Assert.Contains(of, names);
            }
        }
        Assert.True(ExperimentMethods.Get(ExperimentMethods.AlignedNoMasking).IsAblation);
    }

    [Fact]
    public void Suites_name_known_domains_and_methods()
    {
        foreach (var suite in ExperimentSuites.All)
        {
            Assert.All(suite.Domains, d => Assert.Contains(d.Domain, DomainRegistry.Names));
            Assert.All(suite.Methods, m => ExperimentMethods.Get(m));
        }
        Assert.Equal(["tigerdoor", "poisoned-doors", "point-mass", "color-maze"], ExperimentSuites.Full.Domains.Select(d => d.Domain));
        Assert.Equal(ExperimentMethods.All.Count, ExperimentSuites.Full.Methods.Count);
        Assert.Equal(["quick", "full", "arm"], ExperimentSuites.Listed.Select(s => s.Name));
    }

    [Fact]
    public void The_arm_suite_runs_every_method_on_the_arm_and_its_aligned_rows_take_the_arms_settings()
    {
        var plan = ExperimentPlan.Create(ExperimentSuites.Arm, seeds: 5, "/exp");
        Assert.Equal(ExperimentMethods.All.Count * 5, plan.Runs.Count);
        var aligned = plan.Runs.Single(r => r.Method.Name == ExperimentMethods.Aligned && r.Seed == 3);
        var args = plan.Arguments(aligned);
        Assert.Equal(["--steps", "2000000"], args.SkipWhile(a => a != "--steps").Take(2));
        Assert.Equal(["--encoder-lr", "2e-5"], args.SkipWhile(a => a != "--encoder-lr").Take(2));
        Assert.Equal(["--embedding-dim", "64"], args.SkipWhile(a => a != "--embedding-dim").Take(2));
        Assert.Equal(["--imitation-iterations", "10"], args.SkipWhile(a => a != "--imitation-iterations").Take(2));
        // An ablation's own setting wins over the domain's.
        var unmasked = plan.Arguments(plan.Runs.Single(r => r.Method.Name == ExperimentMethods.AlignedNoMasking && r.Seed == 3));
        Assert.Equal(["--rl-grad-into-encoder", "1"], unmasked.SkipWhile(a => a != "--rl-grad-into-encoder").Take(2));
        Assert.Single(unmasked, a => a == "--rl-grad-into-encoder");
    }

    [Fact]
    public void Imitation_runs_need_the_same_seeds_teacher_and_take_it_as_their_teacher()
    {
        var plan = ExperimentPlan.Create(ExperimentSuites.Quick, seeds: 2, "/exp");
        Assert.Equal(2 * 2 * 5, plan.Runs.Count);
        var dagger = plan.Runs.Single(r => r.Domain == "poisoned-doors" && r.Method.Name == "dagger" && r.Seed == 2);
        var teacher = Assert.Single(dagger.Needs);
        Assert.Equal(("poisoned-doors", "teacher", 2), (teacher.Domain, teacher.Method.Name, teacher.Seed));
        Assert.Equal(Path.Combine("/exp", "runs", "poisoned-doors", "dagger", "seed-2"), dagger.Directory);
        Assert.True(plan.Runs.ToList().IndexOf(teacher) < plan.Runs.ToList().IndexOf(dagger));
        Assert.Equal(["imitate", "--teacher", teacher.Directory, "--method", "dagger", "--out", dagger.Directory, "--seed", "2"], plan.Arguments(dagger));
    }

    [Fact]
    public void A_suite_that_names_only_an_imitation_method_also_runs_its_teacher()
    {
        var suite = ExperimentSuites.Tiny with { Methods = ["bc"] };
        var plan = ExperimentPlan.Create(suite, seeds: 1, "/exp");
        Assert.Equal(["teacher", "bc"], plan.Methods.Select(m => m.Name));
    }

    [Fact]
    public void Train_runs_start_with_their_options_and_resume_from_a_checkpoint_with_none()
    {
        using var dir = new TemporaryDirectory();
        var plan = ExperimentPlan.Create(ExperimentSuites.Full, seeds: 1, dir.Path);
        var run = plan.Runs.Single(r => r.Domain == "color-maze" && r.Method.Name == ExperimentMethods.AlignedNoMasking);
        Assert.Equal(
            ["train", "--out", run.Directory, "--steps", "300000", "--domain", "color-maze", "--agent", "aligned", "--seed", "1", "--rl-grad-into-encoder", "1",
                "--head-consistency", "0"],
            plan.Arguments(run));

        Directory.CreateDirectory(run.Directory);
        File.WriteAllText(Path.Combine(run.Directory, "checkpoint.safetensors"), "");
        Assert.Equal(["train", "--out", run.Directory, "--steps", "300000", "--resume"], plan.Arguments(run));
    }

    [Fact]
    public void Fine_tuning_starts_from_the_same_seeds_dagger_student_and_runs_its_chain_first()
    {
        var suite = ExperimentSuites.Tiny with { Methods = [ExperimentMethods.DaggerPpo] };
        var plan = ExperimentPlan.Create(suite, seeds: 1, "/exp");
        Assert.Equal(["teacher", "dagger", "dagger-ppo"], plan.Methods.Select(m => m.Name));
        var run = plan.Runs.First(r => r.Method.Name == ExperimentMethods.DaggerPpo);
        var dagger = Assert.Single(run.Needs);
        var args = plan.Arguments(run);
        Assert.Equal(["--agent", "student-rl"], args.SkipWhile(a => a != "--agent").Take(2));
        Assert.Equal(["--init-from", dagger.Directory], args.SkipWhile(a => a != "--init-from").Take(2));
    }

    [Fact]
    public void The_color_maze_sets_the_aligned_masking_factor_and_head_consistency_unless_an_ablation_sets_its_own()
    {
        var plan = ExperimentPlan.Create(ExperimentSuites.Full, seeds: 1, "/exp");
        IReadOnlyList<string> Args(string domain, string method) => plan.Arguments(plan.Runs.Single(r => r.Domain == domain && r.Method.Name == method));
        Assert.Equal(["--rl-grad-into-encoder", "0.1", "--head-consistency", "0"], Args("color-maze", "aligned").SkipWhile(a => a != "--rl-grad-into-encoder"));
        Assert.DoesNotContain("--rl-grad-into-encoder", Args("tigerdoor", "aligned"));
        Assert.Single(Args("color-maze", ExperimentMethods.AlignedNoMasking), a => a == "--rl-grad-into-encoder");
        Assert.DoesNotContain("--rl-grad-into-encoder", Args("color-maze", "teacher"));
    }
}
