using RobotPolicy.Bundle;
using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Tests.Rl;
using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Checkpoints;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Imitation;

/// <summary>An imitation student is written like every other policy, and its bundle acts as DaggerTrainer.Evaluate does.</summary>
public class ImitationExportTests
{
    private static DaggerTrainer Distill(bool dagger)
    {
        var teacher = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher,
            new PpoConfig { NumEnvs = 8, RolloutSteps = 16, Minibatches = 2, Hidden = [16] }, seed: 3);
        teacher.Update(2);
        var imitation = new DaggerTrainer(new TargetTracking(8), teacher,
            new DaggerConfig { NumEnvs = 8, StepsPerIteration = 16, Iterations = 2, Hidden = [16], StudentHistory = 2, MinibatchSize = 32, StudentDrivesCollection = dagger },
            seed: 6);
        imitation.Iterate();
        imitation.Iterate();
        return imitation;
    }

    [Fact]
    public void Dagger_student_bundle_gives_the_trainers_student_actions()
    {
        using var dir = new TemporaryDirectory();
        var imitation = Distill(dagger: true);
        string model = PolicyExport.Write(dir.File("policy"), imitation, "target-tracking", 0.02, "abc123");
        PolicyExporter.Export(ModelFiles.Load(model), dir.File("student.onnx"), model);

        ExportedStudentCheck.MeanReturn(dir.File("student.onnx"), new TargetTracking(8), 2, 16, 5, (raw, rows) =>
        {
            var normalized = new float[raw.Length];
            imitation.Normalizer.Normalize(raw, normalized);
            var actions = imitation.Student.Deterministic(TensorArrays.Rows(normalized, rows, raw.Length / rows));
            return (actions, actions);
        });

        var metadata = BundleFile.Read(dir.File("student.onnx")).Metadata;
        var t = metadata.Training!;
        Assert.Equal((TrainingMethods.Dagger, "target-tracking", 6L, 2L * 16 * 8), (t.Method, t.Domain, t.Seed!.Value, t.EnvironmentSteps!.Value));
        Assert.Equal(("dagger", "student"), (metadata.Provenance.Method, metadata.Provenance.Agent));
        Assert.Equal(["target"], metadata.Observation.Terms.Select(term => term.Name));
        Assert.Equal(2, metadata.Observation.Terms[0].History);
    }

    [Fact]
    public void Behaviour_cloning_is_recorded_as_bc()
    {
        using var dir = new TemporaryDirectory();
        var policy = ModelFiles.Load(PolicyExport.Write(dir.File("policy"), Distill(dagger: false), "target-tracking", 0.02, null));
        Assert.Equal(TrainingMethods.Bc, policy.Training!.Method);
    }
}
