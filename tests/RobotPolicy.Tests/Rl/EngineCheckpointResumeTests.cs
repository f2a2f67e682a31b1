using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Checkpoints;

namespace RobotPolicy.Tests.Rl;

/// <summary>A checkpoint the trainer's earlier engine wrote (schema 2, cart-pole, two updates) still resumes.</summary>
public class EngineCheckpointResumeTests
{
    [Fact]
    public void A_schema_2_checkpoint_resumes_and_is_saved_again_as_schema_3()
    {
        using var dir = new TemporaryDirectory();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Rl", "Fixtures", "engine-checkpoint")))
        {
            File.Copy(file, dir.File(Path.GetFileName(file)));
        }
        var before = TrainingCheckpoint.ReadState(dir.Path);
        Assert.Equal(2, before.SchemaVersion);
        Assert.Equal(2, before.UpdatesDone);

        var r = CliProcess.Run("train", "--resume", "--out", dir.Path, "--steps", "512", "--eval-episodes", "4");
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.Contains("resuming", r.Out);
        Assert.Contains("predates the trainer on libtorch", r.Out);

        var after = TrainingCheckpoint.ReadState(dir.Path);
        Assert.Equal(TrainingState.CurrentSchemaVersion, after.SchemaVersion);
        Assert.Equal(4, after.UpdatesDone);
        Assert.NotEmpty(after.TorchGenerator);
        Assert.Equal(before.Config.Hidden, after.Config.Hidden);
    }
}
