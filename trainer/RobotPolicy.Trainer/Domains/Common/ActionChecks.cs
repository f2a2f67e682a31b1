namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>Brings the caller's actions into the form every domain's rules may assume.</summary>
internal static class ActionChecks
{
    /// <summary>
    /// Copies <paramref name="actions"/> into <paramref name="destination"/>. A discrete action must be a whole number
    /// in [0, Count) (anything else is a caller bug and throws); a box action is clipped to [Low, High], as a robot's
    /// actuator limits would, and NaN throws.
    /// </summary>
    public static void CopyChecked(ActionSpace space, ReadOnlySpan<float> actions, Span<float> destination)
    {
        if (space.Discrete)
        {
            for (int i = 0; i < actions.Length; i++)
            {
                float a = actions[i];
                // Written so that NaN fails the first test.
                if (!(a >= 0f && a < space.Count) || a != MathF.Floor(a))
                {
                    throw new ArgumentException(
                        $"actions[{i}] = {a} is not a valid action of Discrete({space.Count}): expected a whole number from 0 to {space.Count - 1}.",
                        nameof(actions));
                }
                destination[i] = a;
            }
            return;
        }

        int dim = space.Dim;
        for (int i = 0; i < actions.Length; i++)
        {
            float a = actions[i];
            if (float.IsNaN(a))
            {
                throw new ArgumentException($"actions[{i}] is NaN (copy {i / dim}, component {i % dim}).", nameof(actions));
            }
            int component = i % dim;
            destination[i] = Math.Clamp(a, space.Low[component], space.High[component]);
        }
    }
}
