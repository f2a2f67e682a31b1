using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Rl;

public class PpoTests
{
    private static readonly PpoConfig Small = new() { NumEnvs = 16, RolloutSteps = 32, Minibatches = 4, Hidden = [32, 32], LearningRate = 3e-3 };

    [Fact]
    public void Teacher_learns_the_contextual_bandit()
    {
        var trainer = new PpoTrainer(new ContextBandit(16), AgentKind.Teacher, Small, seed: 3);
        for (int u = 0; u < 40; u++)
        {
            trainer.Update(40);
        }
        double eval = trainer.Evaluate(new ContextBandit(16), episodes: 64, seed: 11);
        Assert.True(eval >= 7.6, $"teacher return {eval}, optimum 8");
    }

    [Fact]
    public void Student_without_information_stays_at_chance()
    {
        var trainer = new PpoTrainer(new ContextBandit(16), AgentKind.StudentRl, Small with { StudentHistory = 2 }, seed: 3);
        for (int u = 0; u < 20; u++)
        {
            trainer.Update(20);
        }
        double eval = trainer.Evaluate(new ContextBandit(16), episodes: 256, seed: 11, deterministic: false);
        Assert.InRange(eval, 3.0, 5.0);
    }

    [Fact]
    public void Gaussian_policy_learns_continuous_tracking()
    {
        var trainer = new PpoTrainer(new TargetTracking(16), AgentKind.Teacher, Small, seed: 5);
        for (int u = 0; u < 60; u++)
        {
            trainer.Update(60);
        }
        double eval = trainer.Evaluate(new TargetTracking(16), episodes: 32, seed: 2);
        Assert.True(eval > -0.3, $"return {eval}; optimum 0, a random policy about -{16 * 0.67:F1}");
    }

    [Fact]
    public void Same_seed_same_learning_curve_bit_for_bit()
    {
        string Curve(int seed)
        {
            var t = new PpoTrainer(new TargetTracking(16), AgentKind.Teacher, Small, seed);
            return string.Join(";", Enumerable.Range(0, 5).Select(_ =>
            {
                var m = t.Update(5);
                return $"{m.MeanEpisodeReturn:R},{m.PolicyLoss:R},{m.ValueLoss:R},{m.ApproxKl:R}";
            }));
        }
        Assert.Equal(Curve(9), Curve(9));
        Assert.NotEqual(Curve(9), Curve(10));
    }
}
