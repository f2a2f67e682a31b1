namespace RobotPolicy.Trainer.Domains.PointMass;

/// <summary>
/// The point-mass arena, in one place so the rules, the reference returns and the tests agree:
/// <code>
///  (-0.8, 0.8) goal or trap      (+0.8, 0.8) trap or goal
///
///               (0, 0) start
///  - - - - - - - - - - - - - - - - - - - - - y = -0.08: the hint zone below
/// </code>
/// The arena is the square [-1, 1]^2. The radii are chosen so that no optimal route ends exactly on a boundary (the
/// step counts in <see cref="PointMassReference"/> hold with a margin of at least 0.02 on every distance).
/// </summary>
public static class PointMassTask
{
    /// <summary>Distance moved per step along each axis at full action (actions are clipped to [-1, 1] per axis).</summary>
    public const float MaxStepPerAxis = 0.1f;

    public const float ArenaHalfWidth = 1f;
    public const float GoalX = 0.8f;
    public const float GoalY = 0.8f;
    public const float GoalRadius = 0.17f;

    /// <summary>
    /// Anywhere at or below this y, the student can read the goal side (a landmark visible only from the south), and
    /// keeps it for the rest of the episode. It is one step from the start, in the direction opposite to both
    /// corners, so a student learning by RL comes across it while it still explores; a teacher never goes there, and
    /// a student imitating the teacher never learns to. (A beacon disc far to the south, as first built, cost 13
    /// extra steps and was out of reach for every RL student: exploration collapsed onto guessing a corner first.)
    /// </summary>
    public const float HintZoneMaxY = -0.08f;

    public const float StepCost = 0.02f;
    public const float GoalReward = 1f;
    public const float TrapReward = -1f;
    public const int EpisodeHorizon = 50;

    /// <summary>
    /// Reward per unit of progress towards the goal disc: each step pays ProgressScale x (d_before - d_after), where d
    /// is the distance from the agent to the goal disc (to its centre less the radius, 0 inside). The terms telescope:
    /// an episode earns ProgressScale x (d_start - d_end) in all, the same (d_start) for every episode that reaches
    /// the goal, whatever its route.
    /// </summary>
    public const float ProgressScale = 1f;

    /// <summary>The distance from (x, y) to the disc of the goal at (goalX, GoalY): 0 on or inside it.</summary>
    public static float DistanceToGoalDisc(float x, float y, float goalX)
    {
        float dx = x - goalX;
        float dy = y - GoalY;
        return MathF.Max(0f, MathF.Sqrt(dx * dx + dy * dy) - GoalRadius);
    }
}
