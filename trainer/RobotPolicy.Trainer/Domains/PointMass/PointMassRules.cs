using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.PointMass;

/// <summary>
/// The hidden-goal point mass, one copy. The agent starts at the origin; the goal is at (±0.8, 0.8), side drawn per
/// episode, and a trap sits at the other corner. Action: a 2-D velocity command in [-1, 1]^2 (clipped); the position
/// moves by <see cref="PointMassTask.MaxStepPerAxis"/> times it, and stays in the arena. Each step costs 0.02 and pays
/// the progress it made towards the goal disc (<see cref="PointMassTask.ProgressScale"/> x the drop in distance to the
/// disc, negative when moving away); coming within 0.17 of the goal pays +1, within 0.17 of the trap -1, and either
/// ends the episode. Entering the hint zone (y ≤ <see cref="PointMassTask.HintZoneMaxY"/>, one step south of the
/// start) reveals the goal side to the student for the rest of the episode. The progress term is dense shaping: with the sparse rewards alone, PPO settled on heading for one
/// fixed corner (half goal, half trap) and never learned to use the goal side it sees. Because it telescopes, it
/// changes no ranking of routes that reach the goal (see <see cref="PointMassReference"/>).
/// Teacher observation: position (2), goal hint (1), goal position (2). Student frame: position (2), goal hint (1)
/// (0 until the hint zone was entered, then the goal side, -1 or +1).
/// The model is kinematic (the command is the velocity), so velocity is not part of the state.
/// </summary>
public struct PointMassRules : IDomainRules<PointMassState>
{
    public static DomainSpec Spec { get; } = new(
        "point-mass",
        TeacherObsDim: 5,
        StudentObsTerms: [("position", 2), ("goal_hint", 1)],
        ActionSpace.OfBox([-1f, -1f], [1f, 1f]),
        PointMassTask.EpisodeHorizon,
        PointMassReference.Returns);

    public static void Reset(ref PointMassState state, ref EnvRandom random)
    {
        state.X = 0f;
        state.Y = 0f;
        state.GoalSide = random.NextBool() ? 1f : -1f;
        state.HintSeen = false;
    }

    public static float Step(ref PointMassState state, ReadOnlySpan<float> action, ref EnvRandom random, out bool terminated)
    {
        const float bound = PointMassTask.ArenaHalfWidth;
        float goalX = state.GoalSide * PointMassTask.GoalX;
        float before = PointMassTask.DistanceToGoalDisc(state.X, state.Y, goalX);
        float x = Math.Clamp(state.X + PointMassTask.MaxStepPerAxis * action[0], -bound, bound);
        float y = Math.Clamp(state.Y + PointMassTask.MaxStepPerAxis * action[1], -bound, bound);
        state.X = x;
        state.Y = y;

        if (y <= PointMassTask.HintZoneMaxY)
        {
            state.HintSeen = true;
        }

        float progress = PointMassTask.ProgressScale * (before - PointMassTask.DistanceToGoalDisc(x, y, goalX));
        if (Within(x, y, goalX, PointMassTask.GoalY, PointMassTask.GoalRadius))
        {
            terminated = true;
            return PointMassTask.GoalReward + progress - PointMassTask.StepCost;
        }
        if (Within(x, y, -goalX, PointMassTask.GoalY, PointMassTask.GoalRadius))
        {
            terminated = true;
            return PointMassTask.TrapReward + progress - PointMassTask.StepCost;
        }
        terminated = false;
        return progress - PointMassTask.StepCost;
    }

    public static void WriteTeacherObs(in PointMassState state, Span<float> destination)
    {
        WriteStudentObs(state, destination);
        destination[3] = state.GoalSide * PointMassTask.GoalX;
        destination[4] = PointMassTask.GoalY;
    }

    public static void WriteStudentObs(in PointMassState state, Span<float> destination)
    {
        destination[0] = state.X;
        destination[1] = state.Y;
        destination[2] = state.HintSeen ? state.GoalSide : 0f;
    }

    private static bool Within(float x, float y, float centreX, float centreY, float radius)
    {
        float dx = x - centreX;
        float dy = y - centreY;
        return dx * dx + dy * dy <= radius * radius;
    }
}
