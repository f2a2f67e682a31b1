using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// From the policy's action space to the domain's: discrete actions pass through; continuous ones are clipped to
/// [−1, 1] and mapped linearly onto [Low, High] (env = offset + scale · a, scale = (High − Low) / 2,
/// offset = (High + Low) / 2). The exported bundle applies the same scale, offset and clip in its graph.
/// </summary>
public static class ActionMapping
{
    public static float Scale(ActionSpace space, int d) => (space.High[d] - space.Low[d]) / 2f;

    public static float Offset(ActionSpace space, int d) => (space.High[d] + space.Low[d]) / 2f;

    public static void ToEnv(ActionSpace space, ReadOnlySpan<float> policyActions, Span<float> envActions)
    {
        if (space.Discrete)
        {
            policyActions.CopyTo(envActions);
            return;
        }
        for (int i = 0; i < policyActions.Length; i++)
        {
            int d = i % space.Dim;
            envActions[i] = Offset(space, d) + Scale(space, d) * Math.Clamp(policyActions[i], -1f, 1f);
        }
    }
}
