using RobotPolicy.Tests.Rl;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Alignment;

/// <summary>
/// The aligned method: the teacher acts on an embedding shaped only by alignment with the student, so it cannot
/// rely on what the student cannot infer, and the student acts through the same head with no imitation gap.
/// </summary>
public class AlignedMethodTests
{
    private static PpoConfig Aligned(float rlIntoEncoder = 0f) => new()
    {
        NumEnvs = 16, RolloutSteps = 32, Minibatches = 4, Hidden = [32], LearningRate = 3e-3, StudentHistory = 2,
        Alignment = new AlignmentConfig { EncoderHidden = [32], RlGradientIntoTeacherEncoder = rlIntoEncoder },
    };

    private static (double Teacher, double Student) Train(Func<int, IVectorEnv> make, PpoConfig config, int updates)
    {
        var trainer = new PpoTrainer(make(16), AgentKind.Teacher, config, seed: 2);
        for (int u = 0; u < updates; u++)
        {
            trainer.Update(updates);
        }
        return (trainer.Evaluate(make(16), 128, 9), trainer.EvaluateStudent(make(16), 128, 9));
    }

    [Fact]
    public void Where_the_student_sees_what_matters_both_reach_the_optimum_through_one_head()
    {
        var (teacher, student) = Train(n => new TargetTracking(n), Aligned(), 160);
        Assert.True(teacher > -0.5, $"aligned teacher {teacher}");
        Assert.True(student > -0.5, $"aligned student {student}");
        Assert.True(Math.Abs(teacher - student) < 0.3, $"gap {teacher - student}");
    }

    [Fact]
    public void With_the_rl_gradient_masked_the_teacher_cannot_rely_on_what_the_student_cannot_infer()
    {
        // The context is invisible to the student: an aligned teacher stays at chance with it, so no gap opens.
        var (teacher, student) = Train(n => new ContextBandit(n), Aligned(), 40);
        Assert.InRange(teacher, 2.5, 5.5);
        Assert.InRange(student, 2.5, 5.5);
        Assert.True(Math.Abs(teacher - student) < 1.5, $"gap {teacher - student}");
    }

    [Fact]
    public void Without_masking_the_teacher_learns_the_private_context_and_the_gap_returns()
    {
        // Ablation: let the RL gradient into the teacher encoder and the embedding carries the context again.
        var (teacher, student) = Train(n => new ContextBandit(n), Aligned(rlIntoEncoder: 1f), 40);
        Assert.True(teacher >= 7, $"unmasked teacher {teacher} should exploit the context (optimum 8)");
        Assert.True(teacher - student >= 2, $"gap {teacher - student}");
    }
}

public class AlignedCheckpointTests
{
    [Fact]
    public void A_restored_aligned_run_evaluates_its_student_exactly_as_the_original()
    {
        using var dir = new RobotPolicy.Tests.TestSupport.TemporaryDirectory();
        var config = new PpoConfig
        {
            NumEnvs = 8, RolloutSteps = 16, Minibatches = 2, Hidden = [16], StudentHistory = 2,
            Alignment = new AlignmentConfig { EncoderHidden = [16] },
        };
        var original = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, config, seed: 4);
        for (int u = 0; u < 3; u++)
        {
            original.Update(3);
        }
        RobotPolicy.Trainer.Checkpoints.TrainingCheckpoint.Save(dir.Path, original, "target-tracking", 1000, null, null);
        var state = RobotPolicy.Trainer.Checkpoints.TrainingCheckpoint.ReadState(dir.Path);
        var restored = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, state.Config, state.Seed);
        RobotPolicy.Trainer.Checkpoints.TrainingCheckpoint.Restore(dir.Path, restored);

        Assert.Equal(original.EvaluateStudent(new TargetTracking(8), 32, 5), restored.EvaluateStudent(new TargetTracking(8), 32, 5));
        Assert.Equal(original.Evaluate(new TargetTracking(8), 32, 5), restored.Evaluate(new TargetTracking(8), 32, 5));
    }

    [Fact]
    public void The_checkpoint_keeps_the_head_consistency_and_the_imitation_phase_a_resumed_run_finishes_with()
    {
        using var dir = new RobotPolicy.Tests.TestSupport.TemporaryDirectory();
        var config = new PpoConfig
        {
            NumEnvs = 8, RolloutSteps = 16, Minibatches = 2, Hidden = [16], StudentHistory = 2,
            Alignment = new AlignmentConfig { EncoderHidden = [16], HeadConsistency = 0.25f },
        };
        var trainer = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, config, seed: 4);
        var imitation = new RobotPolicy.Trainer.Imitation.AlignedImitationConfig { Method = "bc", Iterations = 2, NumEnvs = 8, LearningRate = 1e-3, Epochs = 6 };
        RobotPolicy.Trainer.Checkpoints.TrainingCheckpoint.Save(dir.Path, trainer, "target-tracking", 1000, null, null, imitation);
        var state = RobotPolicy.Trainer.Checkpoints.TrainingCheckpoint.ReadState(dir.Path);
        Assert.Equal(0.25f, state.Config.Alignment!.HeadConsistency);
        Assert.Equal(imitation, state.Imitation);

        // No phase is kept as "none", so a resumed run does not pick up the command line's default.
        RobotPolicy.Trainer.Checkpoints.TrainingCheckpoint.Save(dir.Path, trainer, "target-tracking", 1000, null, null, imitation: null);
        Assert.Equal("none", RobotPolicy.Trainer.Checkpoints.TrainingCheckpoint.ReadState(dir.Path).Imitation!.Method);
        Assert.Equal(0, RobotPolicy.Trainer.Checkpoints.TrainingCheckpoint.ReadState(dir.Path).Imitation!.EnvSteps(horizon: 50));
    }
}
