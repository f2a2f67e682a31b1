using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// Mean undiscounted return of a policy over a number of episodes of a separate env. One episode per env per
/// round: taking whichever episodes finish first would favour short ones.
/// </summary>
public static class EpisodeEvaluation
{
    /// <summary>
    /// A policy: from the raw actor observations ([envs, dim], as <see cref="AgentObservations"/> writes them) and
    /// which envs just began an episode, write policy-space actions ([envs, action dim]).
    /// </summary>
    public delegate void Policy(float[] actorObs, bool[] episodeBegan, float[] actions);

    public static double MeanReturn(IVectorEnv env, AgentKind agent, int history, int episodes, int seed, Policy policy,
        bool teacherSeesStudentView = false)
    {
        var observations = new AgentObservations(env, agent, history, teacherSeesStudentView);
        int n = env.NumEnvs;
        var results = new List<double>();
        var running = new double[n];
        var raw = new float[n * observations.ActorDim];
        var actions = new float[n * env.ActionSpace.Dim];
        var envActions = new float[actions.Length];
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var ended = new bool[n];
        var countedThisRound = new bool[n];
        var began = Enumerable.Repeat(true, n).ToArray();
        env.Reset(seed);
        observations.Reset();
        int guard = 0;
        while (results.Count < episodes && guard++ < 100 * env.Horizon + 1000)
        {
            observations.WriteActor(raw);
            policy(raw, began, actions);
            ActionMapping.ToEnv(env.ActionSpace, actions, envActions);
            env.Step(envActions, rewards, terminated, truncated);
            for (int e = 0; e < n; e++)
            {
                running[e] += rewards[e];
                ended[e] = terminated[e] || truncated[e];
                if (ended[e])
                {
                    if (results.Count < episodes && !countedThisRound[e])
                    {
                        results.Add(running[e]);
                        countedThisRound[e] = true;
                    }
                    running[e] = 0;
                }
            }
            if (!countedThisRound.Contains(false))
            {
                Array.Clear(countedThisRound);
            }
            ended.CopyTo(began, 0);
            observations.AfterStep(ended);
        }
        return results.Count == 0 ? double.NaN : results.Average();
    }
}
