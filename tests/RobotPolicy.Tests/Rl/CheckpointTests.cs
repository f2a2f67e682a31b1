using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Exporter.Reference;
using RobotPolicy.Runtime.Session;
using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Checkpoints;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Rl;

public class CheckpointTests
{
    private static readonly PpoConfig Small = new() { NumEnvs = 8, RolloutSteps = 16, Minibatches = 2, Hidden = [16, 16], LearningRate = 3e-3, StudentHistory = 3 };

    [Fact]
    public void Restored_trainer_continues_exactly_like_the_original()
    {
        using var dir = new TemporaryDirectory();
        var original = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, Small, seed: 4);
        for (int u = 0; u < 3; u++)
        {
            original.Update(10);
        }
        TrainingCheckpoint.Save(dir.Path, original, "target-tracking", 1000, null, null);

        var state = TrainingCheckpoint.ReadState(dir.Path);
        Assert.Equal(3, state.UpdatesDone);
        Assert.Equal(3L * 8 * 16, state.EnvSteps);
        var restored = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, state.Config, state.Seed);
        TrainingCheckpoint.Restore(dir.Path, restored);

        Assert.Equal(original.Optimizer.Steps, restored.Optimizer.Steps);
        foreach (var ((name, a), (_, b)) in original.Model.named_parameters().Zip(restored.Model.named_parameters()))
        {
            Assert.True(a.ToFloats().AsSpan().SequenceEqual(b.ToFloats()), $"parameter {name} differs after restore");
        }
        Assert.Equal(original.ActorNormalizer.Mean, restored.ActorNormalizer.Mean);
        Assert.Equal(TorchGenerators.Save(original.Generator), TorchGenerators.Save(restored.Generator));

        // Both go on from the same parameters, moments and generator; the env restarts fresh, so compare a fresh
        // original restored the same way rather than the original's live env.
        var again = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, state.Config, state.Seed);
        TrainingCheckpoint.Restore(dir.Path, again);
        var m1 = restored.Update(10);
        var m2 = again.Update(10);
        Assert.Equal(m1.PolicyLoss, m2.PolicyLoss);
        Assert.Equal(m1.ValueLoss, m2.ValueLoss);
    }

    [Fact]
    public void Missing_or_foreign_checkpoint_is_a_clear_error()
    {
        using var dir = new TemporaryDirectory();
        var e = Assert.Throws<RobotPolicy.Checkpoint.CheckpointFormatException>(() => TrainingCheckpoint.ReadState(dir.Path));
        Assert.Equal($"{dir.File("checkpoint.safetensors")}: no checkpoint to resume from", e.Message);
        new RobotPolicy.Checkpoint.Safetensors.SafetensorsWriter().AddFloat32("x", [1], [1f]).Save(dir.File("checkpoint.safetensors"));
        e = Assert.Throws<RobotPolicy.Checkpoint.CheckpointFormatException>(() => TrainingCheckpoint.ReadState(dir.Path));
        Assert.Contains("not a robotpolicy training checkpoint", e.Message);
    }

    [Fact]
    public void Exported_student_runs_in_the_runtime_exactly_as_in_training()
    {
        using var dir = new TemporaryDirectory();
        var trainer = new PpoTrainer(new TargetTracking(8), AgentKind.StudentRl, Small, seed: 2);
        trainer.Update(2);
        string model = PolicyExport.Write(dir.File("policy"), trainer, "target-tracking", 0.02, "abc123");
        var policy = ModelFiles.Load(model);
        PolicyExporter.Export(policy, dir.File("student.onnx"), model);

        using var session = PolicySession.Open(dir.File("student.onnx"));
        Assert.Equal(1, session.FrameDim);
        Assert.Equal(3, session.InputDim);
        Assert.Equal("abc123", session.Metadata.Provenance.GitRevision);
        Assert.Equal("student-rl", session.Metadata.Provenance.Agent);

        // Feed frames through the runtime and through the trainer's own stacker + normalizer + actor mean.
        var stacker = new HistoryStacker(1, 1, 3);
        float[] frames = [0.3f, -0.2f, 0.9f, 0.1f];
        var actions = new float[1];
        for (int k = 0; k < frames.Length; k++)
        {
            if (k == 0) stacker.Reset([frames[0]]); else stacker.Push([frames[k]], [false]);
            var stacked = new float[3];
            stacker.Write(stacked);
            var normalized = new float[3];
            trainer.ActorNormalizer.Normalize(stacked, normalized);
            float mean = trainer.Model.Deterministic(TensorArrays.Rows(normalized, 1, 3))[0];
            // TargetTracking's box is [-1.5, 1.5]: env action = 1.5 * clip(mean, -1, 1).
            float expected = 1.5f * Math.Clamp(mean, -1f, 1f);
            session.Step([frames[k]], actions);
            Assert.True(MathF.Abs(actions[0] - expected) <= 1e-5f, $"frame {k}: runtime {actions[0]} vs training {expected}");
        }
    }
}

public class CheckpointCompatibilityTests
{
    [Fact]
    public void A_checkpoint_from_before_a_setting_existed_reads_with_that_settings_default()
    {
        using var dir = new TemporaryDirectory();
        var trainer = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, new PpoConfig { NumEnvs = 8, RolloutSteps = 8, Minibatches = 2, Hidden = [8] }, seed: 1);
        TrainingCheckpoint.Save(dir.Path, trainer, "target-tracking", 100, null, null);
        // Rewrite the stored state without the newer settings, as an older robotpolicy wrote it.
        var file = RobotPolicy.Checkpoint.Safetensors.SafetensorsFile.Read(dir.File("checkpoint.safetensors"));
        string state = file.Metadata["robotpolicy.training_state"];
        var json = System.Text.Json.Nodes.JsonNode.Parse(state)!.AsObject();
        var config = json["config"]!.AsObject();
        config.Remove("student_encoder");
        config.Remove("gru_hidden");
        config.Remove("sequence_length");
        config.Remove("desired_kl");
        var writer = new RobotPolicy.Checkpoint.Safetensors.SafetensorsWriter().AddMetadata("robotpolicy.training_state", json.ToJsonString());
        foreach (var name in file.TensorNames)
        {
            writer.AddFloat32(name, file.Get(name).Shape.ToArray(), file.ReadFloat32(name));
        }
        writer.Save(dir.File("checkpoint.safetensors"));

        var read = TrainingCheckpoint.ReadState(dir.Path).Config;
        Assert.Equal(StudentEncoders.History, read.StudentEncoder);
        Assert.Equal(64, read.GruHidden);
        Assert.Equal(16, read.SequenceLength);
        Assert.Equal(0.01f, read.DesiredKl);
        Assert.Equal([8], read.Hidden);
    }
}
