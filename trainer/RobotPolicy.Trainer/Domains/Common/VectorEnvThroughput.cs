using System.Diagnostics;

namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>The result of <see cref="VectorEnvThroughput.Measure"/>.</summary>
/// <param name="Domain">The domain's name.</param>
/// <param name="NumEnvs">Copies in the batch.</param>
/// <param name="EnvSteps">Copies times batch steps taken while timing.</param>
/// <param name="Seconds">Time spent stepping.</param>
/// <param name="IncludesObservations">Whether both observations were written after every step.</param>
public sealed record ThroughputMeasurement(string Domain, int NumEnvs, long EnvSteps, double Seconds, bool IncludesObservations)
{
    public double StepsPerSecond => EnvSteps / Seconds;

    public override string ToString() =>
        $"{Domain}: {StepsPerSecond / 1e6:F1} M env-steps/s ({NumEnvs} envs, {EnvSteps} steps in {Seconds:F2} s{(IncludesObservations ? ", observations included" : "")})";
}

/// <summary>Times how fast a batch steps, with random actions fixed before the clock starts.</summary>
public static class VectorEnvThroughput
{
    public static ThroughputMeasurement Measure(IVectorEnv env, TimeSpan duration, bool includeObservations = true)
    {
        int n = env.NumEnvs;
        var space = env.ActionSpace;
        // A few batches of actions, cycled, so the measurement does not time the random number generator.
        const int actionBatches = 8;
        var actions = new float[actionBatches][];
        var random = EnvRandom.Create(seed: 12345, envIndex: 0);
        for (int b = 0; b < actionBatches; b++)
        {
            actions[b] = new float[n * space.Dim];
            for (int i = 0; i < actions[b].Length; i++)
            {
                int component = i % space.Dim;
                actions[b][i] = space.Discrete
                    ? random.NextInt(space.Count)
                    : (float)random.NextDouble(space.Low[component], space.High[component]);
            }
        }
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var teacher = new float[n * env.TeacherObsDim];
        var student = new float[n * env.StudentObsDim];

        env.Reset(seed: 1);
        long batchSteps = 0;
        void StepOnce()
        {
            env.Step(actions[batchSteps % actionBatches], rewards, terminated, truncated);
            if (includeObservations)
            {
                env.WriteTeacherObs(teacher);
                env.WriteStudentObs(student);
            }
            batchSteps++;
        }

        // Warm-up: lets tiered compilation settle and the thread pool grow before the clock starts.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromMilliseconds(300))
        {
            StepOnce();
        }

        batchSteps = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            StepOnce();
        }
        while (clock.Elapsed < duration);
        clock.Stop();
        return new ThroughputMeasurement(env.Name, n, batchSteps * n, clock.Elapsed.TotalSeconds, includeObservations);
    }
}
