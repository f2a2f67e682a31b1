using System.Diagnostics;
using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Checkpoints;

namespace RobotPolicy.Tests.Cli;

/// <summary>A training run interrupted by Ctrl-C or killed outright loses at most one checkpoint interval.</summary>
public class TrainInterruptionTests
{
    private const int Every = 2;

    private static Process StartTrain(string dir, bool resume)
    {
        // Through `env --default-signal=INT`: a test run started in the background by a non-interactive shell
        // (`bash tests/run.sh &`) inherits SIGINT ignored, .NET then rightly leaves Ctrl-C alone, and the child would
        // train on to the end and exit 0. A terminal's Ctrl-C is what this test stands for.
        var psi = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "robotpolicy.dll"), "train", "--domain", "poisoned-doors",
                     "--steps", "2000000", "--num-envs", "16", "--rollout-steps", "16", "--checkpoint-every", Every.ToString(),
                     "--eval-episodes", "16", "--out", dir })
        {
            psi.ArgumentList.Add(a);
        }
        if (resume)
        {
            psi.ArgumentList.Add("--resume");
        }
        psi.Environment["NO_COLOR"] = "1";
        var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEndAsync();
        p.StandardError.ReadToEndAsync();
        return p;
    }

    private static int MetricsRows(string dir) =>
        File.Exists(Path.Combine(dir, "metrics.csv")) ? File.ReadAllLines(Path.Combine(dir, "metrics.csv")).Length - 1 : 0;

    private static void WaitFor(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"timed out waiting for {what}");
            Thread.Sleep(50);
        }
    }

    [Fact]
    public void Ctrl_c_saves_a_checkpoint_and_kill_loses_at_most_one_interval()
    {
        using var dir = new TemporaryDirectory();

        // Ctrl-C (SIGINT): the current update finishes, a checkpoint is saved, exit code 130.
        var run = StartTrain(dir.Path, resume: false);
        WaitFor(() => MetricsRows(dir.Path) >= 3, "3 updates");
        Process.Start("kill", ["-INT", run.Id.ToString()])!.WaitForExit();
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)), "train did not stop after SIGINT");
        Assert.Equal(130, run.ExitCode);
        var afterInterrupt = TrainingCheckpoint.ReadState(dir.Path);
        Assert.Equal(MetricsRows(dir.Path), afterInterrupt.UpdatesDone);

        // kill -9 mid-run: whatever was last checkpointed survives; at most one interval of updates is lost.
        run = StartTrain(dir.Path, resume: true);
        WaitFor(() => MetricsRows(dir.Path) >= afterInterrupt.UpdatesDone + 2 * Every + 1, "more updates after resume");
        run.Kill();
        run.WaitForExit();
        var afterKill = TrainingCheckpoint.ReadState(dir.Path);
        int reached = MetricsRows(dir.Path);
        Assert.True(afterKill.UpdatesDone > afterInterrupt.UpdatesDone, "no checkpoint was written after resuming");
        Assert.True(reached - afterKill.UpdatesDone <= Every, $"reached update {reached}, checkpoint at {afterKill.UpdatesDone}: more than one interval lost");

        // Resuming again drops the metrics rows past the checkpoint, so no update is listed twice.
        run = StartTrain(dir.Path, resume: true);
        WaitFor(() => MetricsRows(dir.Path) >= reached + 2, "progress after the second resume");
        Process.Start("kill", ["-INT", run.Id.ToString()])!.WaitForExit();
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)));
        var updates = File.ReadAllLines(Path.Combine(dir.Path, "metrics.csv")).Skip(1).Select(l => int.Parse(l.Split(',')[0])).ToList();
        Assert.Equal(Enumerable.Range(1, updates.Count), updates);
    }
}
