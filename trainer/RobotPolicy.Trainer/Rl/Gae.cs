namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// Generalized advantage estimation over a rollout of T steps × N envs (row t holds all envs at step t).
/// A terminated step does not bootstrap; a truncated step (horizon reached) bootstraps from the value of its final
/// observation, folded into its reward by the caller (r + γ·V(final)), and cuts the trace like a termination.
/// </summary>
public static class Gae
{
    public static void Compute(int steps, int envs, ReadOnlySpan<float> rewards, ReadOnlySpan<float> values,
        ReadOnlySpan<bool> episodeEnded, ReadOnlySpan<float> lastValues, float gamma, float lambda,
        Span<float> advantages, Span<float> returns)
    {
        for (int e = 0; e < envs; e++)
        {
            float next = lastValues[e];
            float running = 0;
            for (int t = steps - 1; t >= 0; t--)
            {
                int i = t * envs + e;
                float notEnded = episodeEnded[i] ? 0f : 1f;
                float delta = rewards[i] + gamma * next * notEnded - values[i];
                running = delta + gamma * lambda * notEnded * running;
                advantages[i] = running;
                returns[i] = running + values[i];
                next = values[i];
            }
        }
    }
}
