using System.Text.Json;
using RobotPolicy.Cli.Commands.Curves;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>Students from the aligned method and from imitation go the same way as any trained policy: written, exported, inspected.</summary>
public class StudentExportWorkflowTests
{
    private static readonly string[] Tiny = ["--steps", "256", "--num-envs", "8", "--rollout-steps", "16", "--minibatches", "2", "--hidden", "16", "--eval-episodes", "8"];

    private static void ExportAndInspect(string model, string bundle, string expectedTraining)
    {
        var r = CliProcess.Run("export", model, "--out", bundle);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("verified in ONNX Runtime", r.Out);
        r = CliProcess.Run("inspect", bundle);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains(expectedTraining, r.Out);
    }

    [Fact]
    public void An_aligned_run_writes_its_student_for_export()
    {
        using var dir = new TemporaryDirectory();
        var r = CliProcess.Run(["train", "--domain", "tigerdoor", "--agent", "aligned", "--embedding-dim", "8", "--history", "2", "--seed", "4", .. Tiny, "--out", dir.File("run")]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("student policy for `robotpolicy export`:", r.Out);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("run/summary.json")));
        string model = summary.RootElement.GetProperty("policy_model").GetString()!;
        Assert.Equal(dir.File("run/policy/model.json"), model);
        // The imitation phase (3 DAgger rounds of 8 envs x 64 steps, and four scorings of whole episodes from fixed
        // starts, 500 steps each) does not fit in 256 steps beside a PPO update (8 x 16): the run warns (on stderr, in
        // one line) and takes both.
        Assert.Contains("warning: --steps 256 cannot hold the imitation phase (3,536 steps) and one PPO update (128): the run takes 3,664\n", r.Err.ReplaceLineEndings("\n"));
        var root = summary.RootElement;
        Assert.Equal(3536, root.GetProperty("imitation_env_steps").GetInt64());
        Assert.Equal(3664, root.GetProperty("env_steps").GetInt64());
        Assert.InRange(root.GetProperty("imitation_kept_round").GetInt32(), 0, 3);
        // The student's curve: the one PPO update (every update is the last: 1 of 1), then the final evaluation after
        // the imitation phase, at the run's whole cost.
        var curve = StudentCurveFile.Read(dir.File("run"));
        Assert.Equal([(128L, "ppo", 32), (3664L, "imitation", 8)], curve.Select(p => (p.EnvSteps, p.Phase, p.Episodes)));
        Assert.Equal(root.GetProperty("student_return").GetDouble(), curve[^1].StudentReturn);

        ExportAndInspect(model, dir.File("student.onnx"), "method aligned, domain tigerdoor, seed 4, 3,664 env steps");
    }

    [Fact]
    public void An_imitation_run_writes_its_student_for_export()
    {
        using var dir = new TemporaryDirectory();
        var r = CliProcess.Run(["train", "--domain", "tigerdoor", .. Tiny, "--out", dir.File("teacher")]);
        Assert.True(r.ExitCode == 0, r.Err);
        r = CliProcess.Run("imitate", "--teacher", dir.File("teacher"), "--method", "bc", "--iterations", "1", "--history", "2", "--seed", "5",
            "--eval-episodes", "8", "--out", dir.File("bc"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("student policy for `robotpolicy export`:", r.Out);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("bc/imitation.json")));
        Assert.Equal(dir.File("bc/policy/model.json"), summary.RootElement.GetProperty("policy_model").GetString());
        // One evaluation after the round, then the final one, on the imitation's own steps (the experiment adds the teacher's).
        Assert.Equal([(4096L, "bc"), (4096L, "final")], StudentCurveFile.Read(dir.File("bc")).Select(p => (p.EnvSteps, p.Phase)));
        Assert.False(File.Exists(dir.File("teacher/student-curve.csv")), "a teacher has no student to evaluate");

        // DaggerConfig defaults: 64 envs x 64 steps per iteration.
        ExportAndInspect(dir.File("bc/policy"), dir.File("bc.onnx"), "method bc, domain tigerdoor, seed 5, 4,096 env steps");
    }
}
