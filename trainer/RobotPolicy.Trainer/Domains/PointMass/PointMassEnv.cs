using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.PointMass;

/// <summary>A batch of hidden-goal point masses (see <see cref="PointMassRules"/> and <see cref="PointMassReference"/>).</summary>
public sealed class PointMassEnv(int numEnvs, StepParallelism? parallelism = null)
    : VectorEnv<PointMassRules, PointMassState>(numEnvs, parallelism)
{
    /// <summary>
    /// Env-steps per second of a batch of <paramref name="numEnvs"/> point masses, stepping with fixed random actions
    /// and writing both observations after each step (what a rollout does), over about <paramref name="duration"/>
    /// (default 2 s) after a short warm-up. A measurement for the command line, not a test.
    /// </summary>
    public static ThroughputMeasurement MeasureStepsPerSecond(
        int numEnvs = 4096, TimeSpan? duration = null, StepParallelism? parallelism = null, bool includeObservations = true)
    {
        var env = new PointMassEnv(numEnvs, parallelism);
        return VectorEnvThroughput.Measure(env, duration ?? TimeSpan.FromSeconds(2), includeObservations);
    }
}
