using RobotPolicy.Bundle;
using RobotPolicy.Checkpoint.Model;
using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Tests.Rl;
using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Checkpoints;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Alignment;

/// <summary>An aligned run writes its student, head(normalize(E_S(o))), and the bundle acts exactly as EvaluateStudent does.</summary>
public class AlignedStudentExportTests
{
    private static PpoTrainer TrainAligned(IVectorEnv env, int history)
    {
        var config = new PpoConfig
        {
            NumEnvs = env.NumEnvs, RolloutSteps = 16, Minibatches = 2, Hidden = [16], StudentHistory = history,
            Alignment = new AlignmentConfig { EmbeddingDim = 8, EncoderHidden = [16] },
        };
        var trainer = new PpoTrainer(env, AgentKind.Teacher, config, seed: 3);
        trainer.Update(2);
        trainer.Update(2);
        return trainer;
    }

    // What EvaluateStudent feeds the student: raw stacked frames normalized by the student's columns of the actor normalizer.
    private static ExportedStudentCheck.TrainerStudent StudentOf(PpoTrainer trainer) => (raw, rows) =>
    {
        var (first, width) = trainer.StudentColumns;
        var normalized = new float[raw.Length];
        trainer.ActorNormalizer.NormalizeColumns(raw, normalized, first, width);
        var x = TensorArrays.Rows(normalized, rows, width);
        using var _ = torch.no_grad();
        return (trainer.Model.StudentDeterministic(x), trainer.Model.Actor.forward(trainer.Model.StudentEmbedding(x)).ToFloats());
    };

    [Fact]
    public void Tigerdoor_student_bundle_acts_as_the_trainers_student()
    {
        using var dir = new TemporaryDirectory();
        var trainer = TrainAligned(DomainRegistry.Create("tigerdoor", 8), history: 3);
        string model = PolicyExport.Write(dir.File("policy"), trainer, "tigerdoor", 0.02, "abc123");

        var description = ModelDescriptionJson.Load(model);
        Assert.Equal(["linear", "tanh", "linear", "l2_normalize", "linear", "tanh", "linear"], description.Layers.Select(l => l.Op));
        Assert.Equal(ActorCritic.EmbeddingNormEpsilon, description.Layers[3].Epsilon);
        Assert.Equal(["position", "door_hint"], description.Observation.Terms.Select(t => t.Name));
        Assert.All(description.Observation.Terms, t => Assert.Equal(3, t.History));
        var report = PolicyExporter.Export(ModelFiles.Load(model), dir.File("student.onnx"), model);
        Assert.True(report.MaxAbsError <= 1e-5f, $"max |ORT - reference| {report.MaxAbsError}");

        double viaBundle = ExportedStudentCheck.MeanReturn(dir.File("student.onnx"), DomainRegistry.Create("tigerdoor", 8), 3, 64, 17, StudentOf(trainer));
        Assert.Equal(trainer.EvaluateStudent(DomainRegistry.Create("tigerdoor", 8), 64, 17), viaBundle);

        var metadata = RobotPolicy.Exporter.Onnx.BundleFile.Read(dir.File("student.onnx")).Metadata;
        var t = metadata.Training!;
        Assert.Equal((TrainingMethods.Aligned, "tigerdoor", 3L, trainer.EnvSteps), (t.Method, t.Domain, t.Seed!.Value, t.EnvironmentSteps!.Value));
        Assert.Equal("aligned", metadata.Provenance.Agent);
        Assert.Equal(12, metadata.Observation.InputDim);
    }

    [Fact]
    public void Continuous_student_bundle_gives_the_trainers_student_actions()
    {
        using var dir = new TemporaryDirectory();
        var trainer = TrainAligned(new TargetTracking(8), history: 2);
        string model = PolicyExport.Write(dir.File("policy"), trainer, "target-tracking", 0.02, null);
        PolicyExporter.Export(ModelFiles.Load(model), dir.File("student.onnx"), model);

        ExportedStudentCheck.MeanReturn(dir.File("student.onnx"), new TargetTracking(8), 2, 16, 5, StudentOf(trainer));
    }

    [Fact]
    public void The_normalizer_is_the_student_columns_of_the_actor_normalizer()
    {
        using var dir = new TemporaryDirectory();
        var trainer = TrainAligned(new TargetTracking(8), history: 2);
        var policy = ModelFiles.Load(PolicyExport.Write(dir.File("policy"), trainer, "target-tracking", 0.02, null));
        var (first, width) = trainer.StudentColumns;
        Assert.Equal((1, 2), (first, width));   // [privileged target | two stacked student frames]
        Assert.Equal(trainer.ActorNormalizer.Mean[first..(first + width)], policy.Normalizer!.Mean);
        Assert.Equal(trainer.ActorNormalizer.Std[first..(first + width)], policy.Normalizer.Std);
        Assert.Equal(trainer.ActorNormalizer.Clip, policy.Normalizer.Clip);
    }
}
