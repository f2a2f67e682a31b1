using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Tests.Domains;

/// <summary>What every domain promises through <see cref="IVectorEnv"/>, checked on each of them.</summary>
public class VectorEnvContractTests
{
    public static TheoryData<string> Names => new(DomainRegistry.Names);

    /// <summary>Everything a batch reports over <paramref name="steps"/> steps of seeded random actions.</summary>
    private sealed record Trace(float[] Teacher, float[] Student, float[] Final, float[] Rewards, bool[] Terminated, bool[] Truncated);

    private static Trace Run(IVectorEnv env, int seed, int steps)
    {
        int n = env.NumEnvs;
        var teacher = new List<float>();
        var student = new List<float>();
        var final = new List<float>();
        var rewards = new List<float>();
        var terminated = new List<bool>();
        var truncated = new List<bool>();
        var teacherObs = new float[n * env.TeacherObsDim];
        var studentObs = new float[n * env.StudentObsDim];
        var finalObs = new float[n * env.TeacherObsDim];
        var stepRewards = new float[n];
        var stepTerminated = new bool[n];
        var stepTruncated = new bool[n];
        var actions = new float[n * env.ActionSpace.Dim];
        var random = EnvRandom.Create(seed + 1000, 0); // the actions' own stream

        env.Reset(seed);
        for (int step = 0; step < steps; step++)
        {
            env.WriteTeacherObs(teacherObs);
            env.WriteStudentObs(studentObs);
            teacher.AddRange(teacherObs);
            student.AddRange(studentObs);
            RandomActions(env.ActionSpace, ref random, actions);
            env.Step(actions, stepRewards, stepTerminated, stepTruncated);
            env.WriteFinalTeacherObs(finalObs);
            final.AddRange(finalObs);
            rewards.AddRange(stepRewards);
            terminated.AddRange(stepTerminated);
            truncated.AddRange(stepTruncated);
        }
        return new Trace(teacher.ToArray(), student.ToArray(), final.ToArray(), rewards.ToArray(), terminated.ToArray(), truncated.ToArray());
    }

    private static void RandomActions(ActionSpace space, ref EnvRandom random, float[] actions)
    {
        for (int i = 0; i < actions.Length; i++)
        {
            int c = i % space.Dim;
            // Box actions a little beyond the bounds too, so clipping is part of what must be reproducible.
            actions[i] = space.Discrete ? random.NextInt(space.Count) : (float)random.NextDouble(space.Low[c] - 0.5, space.High[c] + 0.5);
        }
    }

    private static void AssertSame(Trace expected, Trace actual)
    {
        // Bit patterns, so that -0 versus 0 or a different NaN would show as a difference too.
        Assert.Equal(expected.Teacher.Select(BitConverter.SingleToInt32Bits), actual.Teacher.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(expected.Student.Select(BitConverter.SingleToInt32Bits), actual.Student.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(expected.Final.Select(BitConverter.SingleToInt32Bits), actual.Final.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(expected.Rewards.Select(BitConverter.SingleToInt32Bits), actual.Rewards.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(expected.Terminated, actual.Terminated);
        Assert.Equal(expected.Truncated, actual.Truncated);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_same_seed_gives_bit_identical_trajectories(string name)
    {
        var first = Run(DomainRegistry.Create(name, 37), seed: 4, steps: 300);
        var second = Run(DomainRegistry.Create(name, 37), seed: 4, steps: 300);
        AssertSame(first, second);
        Assert.Contains(true, first.Terminated.Zip(first.Truncated, (a, b) => a || b)); // resets were part of it

        var env = DomainRegistry.Create(name, 37);
        Run(env, seed: 99, steps: 50); // an earlier run on the same object must not leak into the next
        AssertSame(first, Run(env, seed: 4, steps: 300));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Different_seeds_give_different_trajectories(string name)
    {
        var first = Run(DomainRegistry.Create(name, 37), seed: 4, steps: 60);
        var second = Run(DomainRegistry.Create(name, 37), seed: 5, steps: 60);
        Assert.NotEqual(first.Teacher, second.Teacher);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Results_do_not_depend_on_threads_or_chunking(string name)
    {
        const int n = 101;
        var reference = Run(DomainRegistry.Create(name, n, StepParallelism.SingleThreaded), seed: 8, steps: 200);
        foreach (var parallelism in new[] { new StepParallelism(1, 3), new StepParallelism(7, 2), new StepParallelism(20, 64) })
        {
            Assert.True(parallelism.ChunkCount(n) > 1, "the comparison must really run in parallel");
            AssertSame(reference, Run(DomainRegistry.Create(name, n, parallelism), seed: 8, steps: 200));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Episodes_end_by_termination_or_at_the_horizon_and_restart(string name)
    {
        var env = DomainRegistry.Create(name, 23);
        var trace = Run(env, seed: 3, steps: env.Horizon * 3);
        var length = new int[env.NumEnvs];
        int finished = 0;
        for (int k = 0; k < trace.Rewards.Length; k++)
        {
            int i = k % env.NumEnvs;
            length[i]++;
            Assert.False(trace.Terminated[k] && trace.Truncated[k], "an episode ends one way or the other");
            Assert.True(length[i] <= env.Horizon);
            if (trace.Truncated[k])
            {
                Assert.Equal(env.Horizon, length[i]);
            }
            if (trace.Terminated[k] || trace.Truncated[k])
            {
                length[i] = 0;
                finished++;
            }
        }
        Assert.True(finished >= env.NumEnvs);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_final_observation_of_a_finished_episode_is_kept_until_the_next_one_ends(string name)
    {
        var env = DomainRegistry.Create(name, 23);
        var trace = Run(env, seed: 6, steps: env.Horizon * 2);
        int n = env.NumEnvs, dim = env.TeacherObsDim;
        int stepsCount = trace.Rewards.Length / n;
        for (int i = 0; i < n; i++)
        {
            float[]? kept = null;
            for (int step = 0; step < stepsCount; step++)
            {
                var row = trace.Final.AsSpan((step * n + i) * dim, dim).ToArray();
                if (trace.Terminated[step * n + i] || trace.Truncated[step * n + i])
                {
                    kept = row;
                }
                else
                {
                    Assert.Equal(kept ?? new float[dim], row);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Stepping_allocates_nothing(string name)
    {
        var env = DomainRegistry.Create(name, 8, StepParallelism.SingleThreaded);
        int n = env.NumEnvs;
        var actions = new float[n * env.ActionSpace.Dim];
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var teacher = new float[n * env.TeacherObsDim];
        var student = new float[n * env.StudentObsDim];
        var random = EnvRandom.Create(1, 0);
        var batches = Enumerable.Range(0, 16).Select(_ =>
        {
            var a = new float[actions.Length];
            RandomActions(env.ActionSpace, ref random, a);
            return a;
        }).ToArray();
        env.Reset(2);

        void Steps(int count)
        {
            for (int step = 0; step < count; step++)
            {
                env.Step(batches[step % batches.Length], rewards, terminated, truncated);
                env.WriteTeacherObs(teacher);
                env.WriteStudentObs(student);
                env.WriteFinalTeacherObs(teacher);
            }
        }

        Steps(2000); // warm-up: past tiered compilation and with many resets
        long before = GC.GetAllocatedBytesForCurrentThread();
        Steps(2000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Shapes_and_references_are_consistent(string name)
    {
        var env = DomainRegistry.Create(name, 5);
        Assert.Equal(env.StudentObsDim, env.StudentObsTerms.Sum(t => t.Dim));
        Assert.All(env.StudentObsTerms, t => Assert.True(t.Dim > 0 && t.Name.Length > 0));
        Assert.Equal(env.StudentObsTerms.Count, env.StudentObsTerms.Select(t => t.Name).Distinct().Count());
        Assert.True(env.TeacherObsDim > 0 && env.Horizon > 0);
        Assert.Equal(env.ActionSpace.Dim, env.ActionSpace.Low.Length);
        Assert.Equal(env.ActionSpace.Dim, env.ActionSpace.High.Length);

        var reference = env.Reference;
        Assert.True(reference.BestTeacher >= reference.BestStudent);
        Assert.True(reference.CopyTeacher is null || reference.CopyTeacher <= reference.BestStudent);
        Assert.False(string.IsNullOrWhiteSpace(reference.Notes));

        env.Reset(1);
        Assert.Throws<ArgumentException>(() => env.WriteStudentObs(new float[5 * env.StudentObsDim + 1]));
        Assert.Throws<ArgumentException>(() => env.WriteTeacherObs(new float[5 * env.TeacherObsDim - 1]));
        Assert.Throws<ArgumentException>(() => env.Step(new float[5 * env.ActionSpace.Dim], new float[4], new bool[5], new bool[5]));
        var studentObs = new float[5 * env.StudentObsDim];
        env.WriteStudentObs(studentObs);
        Assert.All(studentObs, v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Using_a_batch_before_reset_is_an_error(string name)
    {
        var env = DomainRegistry.Create(name, 2);
        var error = Assert.Throws<InvalidOperationException>(() => env.WriteStudentObs(new float[2 * env.StudentObsDim]));
        Assert.Contains("Reset", error.Message);
        Assert.Throws<InvalidOperationException>(() => env.Step(new float[2 * env.ActionSpace.Dim], new float[2], new bool[2], new bool[2]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Invalid_actions_are_rejected_and_box_actions_clipped(string name)
    {
        var env = DomainRegistry.Create(name, 2);
        env.Reset(1);
        var rewards = new float[2];
        var terminated = new bool[2];
        var truncated = new bool[2];
        var space = env.ActionSpace;
        var bad = space.Discrete ? new[] { -1f, space.Count, 0.5f, float.NaN } : [float.NaN];
        foreach (float value in bad)
        {
            var actions = new float[2 * space.Dim];
            actions[space.Dim] = value;
            var error = Assert.Throws<ArgumentException>(() => env.Step(actions, rewards, terminated, truncated));
            Assert.Equal("actions", error.ParamName);
        }

        if (!space.Discrete)
        {
            var clipped = DomainRegistry.Create(name, 2);
            var beyond = DomainRegistry.Create(name, 2);
            clipped.Reset(3);
            beyond.Reset(3);
            clipped.Step(Enumerable.Repeat(space.High[0], 2 * space.Dim).ToArray(), rewards, terminated, truncated);
            beyond.Step(Enumerable.Repeat(space.High[0] * 7, 2 * space.Dim).ToArray(), rewards, terminated, truncated);
            var a = new float[2 * env.TeacherObsDim];
            var b = new float[2 * env.TeacherObsDim];
            clipped.WriteTeacherObs(a);
            beyond.WriteTeacherObs(b);
            Assert.Equal(a, b);
        }
    }
}
