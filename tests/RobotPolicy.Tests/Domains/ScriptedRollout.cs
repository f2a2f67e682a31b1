using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.Tests.Domains;

/// <summary>A hand-written controller for one domain; it may keep per-copy memory (reset by <see cref="BeginEpisode"/>).</summary>
internal interface IScriptedPolicy
{
    /// <summary>Copy <paramref name="env"/> starts a new episode (at the start and after every finished one).</summary>
    void BeginEpisode(int env);

    /// <summary>Chooses copy <paramref name="env"/>'s action. A teacher policy reads only <paramref name="teacherObs"/>,
    /// a student policy only <paramref name="studentObs"/>.</summary>
    void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action);
}

/// <summary>Runs a scripted policy on a batch and collects episode returns.</summary>
internal static class ScriptedRollout
{
    /// <summary>
    /// The returns of the first <paramref name="episodesPerEnv"/> episodes of every copy. Counting a fixed number per
    /// copy, rather than all episodes finished within some number of steps, keeps short episodes (deaths) from being
    /// over-represented in the mean.
    /// </summary>
    public static double[] Returns(IVectorEnv env, IScriptedPolicy policy, int seed, int episodesPerEnv = 1)
    {
        int n = env.NumEnvs;
        var teacher = new float[n * env.TeacherObsDim];
        var student = new float[n * env.StudentObsDim];
        var actions = new float[n * env.ActionSpace.Dim];
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var running = new double[n];
        var finished = new int[n];
        var returns = new List<double>(n * episodesPerEnv);

        env.Reset(seed);
        for (int i = 0; i < n; i++)
        {
            policy.BeginEpisode(i);
        }
        int maxBatchSteps = (episodesPerEnv + 1) * env.Horizon;
        for (int step = 0; step < maxBatchSteps && returns.Count < n * episodesPerEnv; step++)
        {
            env.WriteTeacherObs(teacher);
            env.WriteStudentObs(student);
            for (int i = 0; i < n; i++)
            {
                policy.Act(
                    i,
                    teacher.AsSpan(i * env.TeacherObsDim, env.TeacherObsDim),
                    student.AsSpan(i * env.StudentObsDim, env.StudentObsDim),
                    actions.AsSpan(i * env.ActionSpace.Dim, env.ActionSpace.Dim));
            }
            env.Step(actions, rewards, terminated, truncated);
            for (int i = 0; i < n; i++)
            {
                running[i] += rewards[i];
                if (terminated[i] || truncated[i])
                {
                    if (finished[i]++ < episodesPerEnv)
                    {
                        returns.Add(running[i]);
                    }
                    running[i] = 0;
                    policy.BeginEpisode(i);
                }
            }
        }
        Assert.Equal(n * episodesPerEnv, returns.Count);
        return returns.ToArray();
    }

    public static double Mean(IVectorEnv env, IScriptedPolicy policy, int seed, int episodesPerEnv = 1) =>
        Returns(env, policy, seed, episodesPerEnv).Average();

    /// <summary>Index of the largest value (for one-hot observation parts).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }
}
