using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Rl;

/// <summary>
/// TorchSharp frees a libtorch Scalar from its .NET finalizer, and nothing keeps a Scalar made for one call alive
/// until libtorch has read it: a collection at the wrong moment crashes the process inside libtorch. The trainer
/// holds every Scalar it passes (TorchExtensions.Scalars). Here collections and finalizers run back to back on
/// another thread while every trainer path runs (PPO discrete and Gaussian, the aligned method and its closing
/// imitation, the SITT-style baseline, a GRU student, Adam, DAgger); before the
/// trainer held its Scalars this crashed the test process within a few seconds. The runs must also give exactly
/// the results of the same runs without the pressure: collections change no numbers.
/// Alone in its collection, since the forced collections would slow every test running beside it.
/// </summary>
[Collection(FinalizerPressure.Name)]
public class FinalizerPressureTests
{
    private static readonly PpoConfig Aligned = new()
    {
        NumEnvs = 16, RolloutSteps = 32, Minibatches = 4, Hidden = [32], LearningRate = 3e-3, StudentHistory = 2,
        Alignment = new AlignmentConfig { EncoderHidden = [32] },
    };

    private static readonly PpoConfig Plain = new() { NumEnvs = 16, RolloutSteps = 32, Minibatches = 4, Hidden = [32], LearningRate = 3e-3 };

    private static readonly PpoConfig Sitt = Aligned with
    {
        Alignment = new AlignmentConfig { Style = AlignmentStyles.Sitt, EncoderHidden = [16], RlGradientIntoTeacherEncoder = 1f },
    };

    private static readonly PpoConfig Gru = new()
    {
        NumEnvs = 16, RolloutSteps = 24, Minibatches = 4, Hidden = [32], LearningRate = 3e-3, GruHidden = 16, SequenceLength = 12,
        StudentEncoder = StudentEncoders.Gru,
    };

    private static readonly DaggerConfig Imitation = new() { NumEnvs = 16, StepsPerIteration = 32, Iterations = 3, Hidden = [32], StudentHistory = 2, MinibatchSize = 128 };

    private static double[] TrainEverything()
    {
        var results = new List<double>();
        foreach (Func<int, Trainer.Domains.IVectorEnv> make in new Func<int, Trainer.Domains.IVectorEnv>[] { n => new ContextBandit(n), n => new TargetTracking(n) })
        {
            var aligned = new PpoTrainer(make(16), AgentKind.Teacher, Aligned, seed: 2);
            var plain = new PpoTrainer(make(16), AgentKind.Teacher, Plain, seed: 3);
            for (int u = 0; u < 12; u++)
            {
                aligned.Update(12);
                plain.Update(12);
            }
            var dagger = new DaggerTrainer(make(16), plain, Imitation, seed: 5);
            for (int i = 0; i < Imitation.Iterations; i++)
            {
                dagger.Iterate();
            }
            var closing = new AlignedImitation(aligned, make, new AlignedImitationConfig { Iterations = 2, NumEnvs = 16 }, seed: 6);
            closing.Iterate();
            closing.Iterate();
            closing.Finish();
            var sitt = new PpoTrainer(make(16), AgentKind.Teacher, Sitt, seed: 4);
            for (int u = 0; u < 4; u++)
            {
                sitt.Update(4);
            }
            results.Add(sitt.EvaluateStudent(make(16), 32, 9));
            results.Add(aligned.Evaluate(make(16), 32, 9));
            results.Add(aligned.EvaluateStudent(make(16), 32, 9));
            results.Add(plain.Evaluate(make(16), 32, 9));
            results.Add(dagger.Evaluate(make(16), 32, 9));
        }
        var gru = new PpoTrainer(new CueRecall(16), AgentKind.StudentRl, Gru, seed: 1);
        for (int u = 0; u < 6; u++)
        {
            gru.Update(6);
        }
        results.Add(gru.Evaluate(new CueRecall(16), 32, 9));
        return results.ToArray();
    }

    [Fact]
    public void Training_survives_collections_at_any_moment_and_gives_the_same_numbers()
    {
        var quiet = TrainEverything();

        using var stop = new CancellationTokenSource();
        long collections = 0;
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                collections++;
            }
        }) { IsBackground = true };
        collector.Start();
        double[] pressured;
        try
        {
            pressured = TrainEverything();
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }

        Assert.True(collections > 100, $"only {collections} collections ran during training");
        Assert.Equal(quiet, pressured);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FinalizerPressure
{
    public const string Name = "finalizer-pressure";
}
