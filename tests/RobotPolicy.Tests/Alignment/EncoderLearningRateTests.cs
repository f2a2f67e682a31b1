using RobotPolicy.Tests.Rl;
using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Checkpoints;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Rl;
using TorchSharp;
using RobotPolicy.Trainer.TorchExtensions;
using Parameter = TorchSharp.Modules.Parameter;
using Sequential = TorchSharp.Modules.Sequential;
using static TorchSharp.torch;

namespace RobotPolicy.Tests.Alignment;

/// <summary>The aligned method's encoders can learn at a step size of their own, which the head's schedule does not move.</summary>
public class EncoderLearningRateTests
{
    [Fact]
    public void Parameters_given_a_rate_of_their_own_keep_it_whatever_the_schedule_sets()
    {
        var held = new Parameter(torch.zeros([3]));
        var scheduled = new Parameter(torch.zeros([3]));
        var adam = new Adam([held, scheduled], lr: 0.1);
        adam.FixRate([held], 0.001);
        adam.LearningRate = 0.05; // what the adaptive schedule would do
        (held.sum() + scheduled.sum()).backward();
        adam.step();
        // Adam's first step moves each weight by its rate (the bias-corrected m/√v is 1).
        Assert.All(held.ToFloats(), x => Assert.Equal(-0.001f, x, 1e-6f));
        Assert.All(scheduled.ToFloats(), x => Assert.Equal(-0.05f, x, 1e-5f));
    }

    private static PpoConfig Aligned(float? encoderRate) => new()
    {
        NumEnvs = 8, RolloutSteps = 16, Minibatches = 2, Hidden = [16], StudentHistory = 2, LearningRate = 3e-3,
        Alignment = new AlignmentConfig { EncoderHidden = [16], EncoderLearningRate = encoderRate },
    };

    private static float[] Weights(Sequential module) => module.parameters().SelectMany(p => p.ToFloats()).ToArray();

    private static float LargestChange(float[] before, float[] after) => before.Zip(after, (a, b) => MathF.Abs(a - b)).Max();

    [Fact]
    public void An_aligned_run_steps_its_encoders_at_the_encoder_rate_and_its_head_at_the_schedule()
    {
        const float encoderRate = 1e-6f;
        var trainer = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, Aligned(encoderRate), seed: 4);
        var (teacher, student, head) = (Weights(trainer.Model.TeacherEncoder!), Weights(trainer.Model.StudentEncoder!), Weights(trainer.Model.Actor));
        trainer.Update(1);
        int steps = (int)trainer.Optimizer.Steps;
        // Adam moves a weight by at most about its rate per step (|m̂|/√v̂ ≤ 1 for steady gradients; a margin for noise).
        Assert.InRange(LargestChange(teacher, Weights(trainer.Model.TeacherEncoder!)), 1e-9f, 3f * encoderRate * steps);
        Assert.InRange(LargestChange(student, Weights(trainer.Model.StudentEncoder!)), 1e-9f, 3f * encoderRate * steps);
        Assert.True(LargestChange(head, Weights(trainer.Model.Actor)) > 100f * encoderRate * steps, "the head learns at the schedule's rate");
    }

    [Fact]
    public void The_checkpoint_keeps_the_encoder_rate_a_resumed_run_goes_on_with()
    {
        using var dir = new TemporaryDirectory();
        var trainer = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, Aligned(2e-5f), seed: 4);
        TrainingCheckpoint.Save(dir.Path, trainer, "target-tracking", 1000, null, null, imitation: null);
        Assert.Equal(2e-5f, TrainingCheckpoint.ReadState(dir.Path).Config.Alignment!.EncoderLearningRate);
    }

    [Fact]
    public void The_gradient_clip_groups_hold_every_parameter_once_zero_biases_included()
    {
        // Why by identity: TorchSharp's Tensor.Equals compares values (so List.Contains and Array.IndexOf do too).
        Assert.True(new Parameter(torch.zeros([3])).Equals(new Parameter(torch.zeros([3]))));
        // Hidden layers of one width in encoder and head: their zero-initialized biases are equal in value.
        var config = new PpoConfig { Hidden = [16, 16], Alignment = new AlignmentConfig { EncoderHidden = [16], EmbeddingDim = 16 } };
        var trainer = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, config, seed: 4);
        var groups = PpoTrainer.ClipGroups(trainer.Model);
        var all = trainer.Model.parameters().Select(p => p.Handle).ToList();
        var grouped = groups.SelectMany(g => g).Select(p => p.Handle).ToList();
        Assert.Equal(all.Count, grouped.Count);
        Assert.Equal(all.ToHashSet(), grouped.ToHashSet());
        Assert.Equal(Weights(trainer.Model.TeacherEncoder!).Length + Weights(trainer.Model.StudentEncoder!).Length, groups[0].Sum(p => (int)p.numel()));
    }
}
