using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Rl;

/// <summary>The observation normalizers stop learning after the configured number of steps, at a rollout's start.</summary>
public class NormalizerFreezeTests
{
    private static PpoConfig Config(long? freezeAfter) => new()
    {
        NumEnvs = 8, RolloutSteps = 16, Minibatches = 2, Hidden = [16, 16], FreezeNormalizersAfterSteps = freezeAfter,
    };

    [Fact]
    public void Normalizers_learn_until_the_step_count_and_not_after()
    {
        // 128 steps an update: the second rollout starts at 128 (< 200) and learns through all its steps, even past
        // 200; the third starts at 256 and does not.
        var trainer = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, Config(200), seed: 1);
        var counts = new List<double>();
        for (int u = 0; u < 5; u++)
        {
            trainer.Update(5);
            counts.Add(trainer.ActorNormalizer.Count);
        }
        Assert.Equal(2 * counts[0], counts[1]);
        Assert.Equal(counts[1], counts[2]);
        Assert.Equal(counts[1], counts[4]);
        Assert.True(trainer.NormalizersFrozen);
    }

    [Fact]
    public void Without_a_step_count_they_learn_throughout()
    {
        var trainer = new PpoTrainer(new TargetTracking(8), AgentKind.Teacher, Config(null), seed: 1);
        trainer.Update(3);
        double first = trainer.ActorNormalizer.Count;
        trainer.Update(3);
        Assert.True(trainer.ActorNormalizer.Count > first);
        Assert.False(trainer.NormalizersFrozen);
    }
}
