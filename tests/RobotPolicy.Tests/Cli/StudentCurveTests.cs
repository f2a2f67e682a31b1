using RobotPolicy.Cli.Commands.Curves;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>`train` evaluates its student during the run for the learning curve, without changing the training.</summary>
public class StudentCurveTests
{
    private static readonly string[] Tiny =
        ["train", "--domain", "tigerdoor", "--agent", "student-rl", "--steps", "4096", "--num-envs", "16", "--rollout-steps", "16",
         "--minibatches", "2", "--hidden", "16", "--eval-episodes", "16", "--seed", "3"];

    [Theory]
    [InlineData(16, 4, 4)]
    [InlineData(16, 20, 1)]
    [InlineData(488, 20, 25)]
    [InlineData(1, 20, 1)]
    public void Evaluations_spread_over_the_run(int updates, int points, int every) =>
        Assert.Equal(every, StudentEvaluations.EveryUpdates(updates, points));

    [Fact]
    public void The_student_curve_has_its_evaluations_and_the_final_one_and_leaves_the_training_as_it_was()
    {
        using var dir = new TemporaryDirectory();
        var r = CliProcess.Run([.. Tiny, "--student-evals", "4", "--student-eval-episodes", "8", "--out", dir.File("curve")]);
        Assert.True(r.ExitCode == 0, r.Err);
        r = CliProcess.Run([.. Tiny, "--student-evals", "0", "--out", dir.File("none")]);
        Assert.True(r.ExitCode == 0, r.Err);

        // 16 updates of 256 steps, evaluated every 4th, then the final evaluation (16 episodes) at the last step.
        var curve = StudentCurveFile.Read(dir.File("curve"));
        Assert.Equal([(1024L, 8, "ppo"), (2048L, 8, "ppo"), (3072L, 8, "ppo"), (4096L, 8, "ppo"), (4096L, 16, "final")],
            curve.Select(p => (p.EnvSteps, p.Episodes, p.Phase)));
        Assert.All(curve, p => Assert.True(double.IsFinite(p.StudentReturn)));
        Assert.False(File.Exists(dir.File("none/student-curve.csv")));

        // Evaluations draw nothing from the training's generators and change no normalizer: every learning number
        // is the same (only the timings differ).
        static IEnumerable<string> Learning(string csv) => File.ReadLines(csv).Select(line => string.Join(',', line.Split(',').Where((_, i) => i is not (13 or 14))));
        Assert.Equal(Learning(dir.File("none/metrics.csv")), Learning(dir.File("curve/metrics.csv")));
    }

    [Fact]
    public void A_resumed_run_drops_the_points_past_its_checkpoint()
    {
        using var dir = new TemporaryDirectory();
        StudentCurveFile.Start(dir.Path, 0);
        foreach (long steps in new long[] { 1024, 2048, 3072 })
        {
            StudentCurveFile.Append(dir.Path, new StudentCurvePoint(steps, -1.5, 8, "ppo"));
        }
        File.AppendAllText(dir.File(StudentCurveFile.FileName), "4096,0.2"); // a line cut short by a kill
        StudentCurveFile.Start(dir.Path, keepUpToSteps: 2048);
        Assert.Equal([1024L, 2048L], StudentCurveFile.Read(dir.Path).Select(p => p.EnvSteps));
    }
}
