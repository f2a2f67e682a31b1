using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Rl;

/// <summary>The GRU student remembers what a stacked-history student cannot see any more.</summary>
public class GruStudentTests
{
    private static readonly PpoConfig Config = new()
    {
        NumEnvs = 16, RolloutSteps = 24, Minibatches = 4, Hidden = [32], LearningRate = 3e-3, GruHidden = 16, SequenceLength = 12,
    };

    private static double Train(PpoConfig config, int updates, int seed = 1)
    {
        var trainer = new PpoTrainer(new CueRecall(16), AgentKind.StudentRl, config, seed);
        for (int u = 0; u < updates; u++)
        {
            trainer.Update(updates);
        }
        return trainer.Evaluate(new CueRecall(16), episodes: 256, seed: 77);
    }

    [Fact]
    public void Gru_student_solves_the_memory_task()
    {
        double gru = Train(Config with { StudentEncoder = StudentEncoders.Gru }, updates: 60);
        Assert.True(gru >= 0.9, $"GRU student return {gru}; remembering the cue gives 1, guessing 0.5");
    }

    [Fact]
    public void Stacked_history_shorter_than_the_episode_stays_at_chance()
    {
        double history = Train(Config with { StudentEncoder = StudentEncoders.History, StudentHistory = 2 }, updates: 30);
        Assert.InRange(history, 0.3, 0.7);
    }

    [Fact]
    public void Gru_sequences_must_tile_the_rollout()
    {
        var e = Assert.Throws<ArgumentException>(() => (Config with { StudentEncoder = StudentEncoders.Gru, SequenceLength = 10 }).Validate());
        Assert.Equal("sequence length (10) must divide rollout-steps (24)", e.Message);
    }
}
