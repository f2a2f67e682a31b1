using RobotPolicy.Tests.Rl;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Alignment;

/// <summary>The aligned method's closing imitation phase: the student encoder learns to act like the teacher through the frozen head.</summary>
public class AlignedImitationTests
{
    private static PpoTrainer BrieflyAligned()
    {
        var config = new PpoConfig
        {
            NumEnvs = 16, RolloutSteps = 32, Minibatches = 4, Hidden = [32], LearningRate = 3e-3, StudentHistory = 2,
            Alignment = new AlignmentConfig { EncoderHidden = [32] },
        };
        var trainer = new PpoTrainer(new TargetTracking(16), AgentKind.Teacher, config, seed: 2);
        for (int u = 0; u < 20; u++)
        {
            trainer.Update(20);
        }
        return trainer;
    }

    // Mean |teacher action - student action| over states the teacher visits.
    private static double Disagreement(PpoTrainer trainer)
    {
        var env = new TargetTracking(16);
        var observations = new AgentObservations(env, AgentKind.Teacher, trainer.Config.StudentHistory, teacherSeesStudentView: true);
        env.Reset(77);
        observations.Reset();
        var raw = new float[16 * trainer.ActorDim];
        var normalized = new float[raw.Length];
        var (column, dim) = trainer.StudentColumns;
        var student = new float[16 * dim];
        double total = 0;
        for (int t = 0; t < 8; t++)
        {
            observations.WriteActor(raw);
            trainer.ActorNormalizer.Normalize(raw, normalized);
            for (int e = 0; e < 16; e++)
            {
                normalized.AsSpan(e * trainer.ActorDim + column, dim).CopyTo(student.AsSpan(e * dim));
            }
            var teacherActions = trainer.Model.Deterministic(TensorArrays.Rows(normalized, 16, trainer.ActorDim));
            var studentActions = trainer.Model.StudentDeterministic(TensorArrays.Rows(student, 16, dim));
            total += teacherActions.Zip(studentActions, (a, b) => Math.Abs(a - b)).Average();
            var rewards = new float[16];
            var ended = new bool[16];
            env.Step(teacherActions, rewards, ended, new bool[16]);
            observations.AfterStep(ended);
        }
        return total / 8;
    }

    [Fact]
    public void Imitation_moves_the_student_towards_the_teacher_and_leaves_a_frozen_head_untouched()
    {
        var trainer = BrieflyAligned();
        var headBefore = trainer.Model.Actor.parameters().SelectMany(p => p.ToFloats()).ToArray();
        double before = Disagreement(trainer);
        var config = new AlignedImitationConfig { Iterations = 4, NumEnvs = 16, LearningRate = 1e-3 };
        var imitation = new AlignedImitation(trainer, n => new TargetTracking(n), config, seed: 5);
        var starting = new List<float>();
        for (int i = 0; i < 4; i++)
        {
            var (loss, teacherDrove, startingLoss) = imitation.Iterate();
            Assert.True(float.IsFinite(loss));
            Assert.Equal(i == 0, teacherDrove); // DAgger: the student drives after the first round
            starting.Add(startingLoss);
        }
        var (kept, round) = imitation.Finish();
        Assert.True(kept <= starting.Min(), $"kept {kept}, students scored {string.Join(", ", starting)}");
        Assert.InRange(round, 0, 4);
        // Four rounds of 16 x 64 steps; five scorings (the student PPO left, and each round's) of whole episodes on as
        // many environments as one round's steps fill.
        int horizon = new TargetTracking(1).Horizon;
        Assert.Equal(4 * 16 * 64 + 5 * (16 * 64 / horizon) * horizon, imitation.EnvSteps);
        Assert.Equal(config.EnvSteps(horizon), imitation.EnvSteps); // what train takes out of PPO's budget
        double after = Disagreement(trainer);
        Assert.True(after < before, $"disagreement {before} -> {after}");
        Assert.Equal(headBefore, trainer.Model.Actor.parameters().SelectMany(p => p.ToFloats()).ToArray());
    }

    [Fact]
    public void A_phase_that_only_makes_the_student_worse_ends_with_the_student_PPO_left()
    {
        var trainer = BrieflyAligned();
        var encoderBefore = trainer.Model.StudentEncoder!.parameters().SelectMany(p => p.ToFloats()).ToArray();
        // A step size that throws the encoder's weights around: every fitted student is worse than the one PPO left.
        var imitation = new AlignedImitation(trainer, n => new TargetTracking(n), new AlignedImitationConfig { Iterations = 2, NumEnvs = 16, LearningRate = 20 }, seed: 5);
        imitation.Iterate();
        imitation.Iterate();
        Assert.NotEqual(encoderBefore, trainer.Model.StudentEncoder!.parameters().SelectMany(p => p.ToFloats()).ToArray());
        var (kept, round) = imitation.Finish();
        Assert.Equal(0, round);
        Assert.Equal(imitation.Best.Loss, kept);
        Assert.Equal(encoderBefore, trainer.Model.StudentEncoder!.parameters().SelectMany(p => p.ToFloats()).ToArray());
    }

    [Fact]
    public void Behaviour_cloning_lets_the_teacher_drive_every_round_and_a_plain_run_is_refused()
    {
        var bc = new AlignedImitationConfig { Method = ImitationMethods.Bc, NumEnvs = 16, Iterations = 2 };
        var imitation = new AlignedImitation(BrieflyAligned(), n => new TargetTracking(n), bc, seed: 5);
        Assert.True(imitation.Iterate().TeacherDrove);
        Assert.True(imitation.Iterate().TeacherDrove);
        imitation.Finish();
        Assert.Equal(bc.EnvSteps(new TargetTracking(1).Horizon), imitation.EnvSteps);

        var plain = new PpoTrainer(new TargetTracking(16), AgentKind.Teacher, new PpoConfig { NumEnvs = 16, RolloutSteps = 32, Minibatches = 4 }, seed: 1);
        var error = Assert.Throws<ArgumentException>(() => new AlignedImitation(plain, n => new TargetTracking(n), new AlignedImitationConfig(), seed: 1));
        Assert.Contains("aligned", error.Message);
        Assert.Throws<ArgumentException>(() => new AlignedImitationConfig { Method = "dagger2" }.Validate());
    }

    [Fact]
    public void A_round_collects_whole_episodes_at_the_same_cost_when_episodes_outlast_its_steps()
    {
        var config = new AlignedImitationConfig();
        // Short episodes (tigerdoor, 20 steps): 64 environments x 64 steps, as ever.
        Assert.Equal((64, 64), (config.RoundEnvs(20), config.RoundSteps(20)));
        // The arm's 200-step episodes: 20 whole episodes (4,000 of the round's 4,096 steps), from start to end, so the
        // student drives (and DAgger labels) the stretch its own reach leads to.
        Assert.Equal((20, 200), (config.RoundEnvs(200), config.RoundSteps(200)));
        Assert.Equal(3 * 20 * 200 + 4 * 20 * 200, config.EnvSteps(200));
        // Episodes longer than a whole round: one environment, one whole episode.
        Assert.Equal((1, 5000), (config.RoundEnvs(5000), config.RoundSteps(5000)));
    }
}
