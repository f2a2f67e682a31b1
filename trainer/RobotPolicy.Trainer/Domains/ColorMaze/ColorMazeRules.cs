using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>
/// The color maze, one copy: a small version of the ColorMaze of Messikommer et al., "Student-Informed Teacher
/// Training" (ICLR 2025). There, a maze of fail cells with a coloured safe path separates start and goal; the teacher
/// sees cell colours, the student sees fail and path cells in one colour, so the student's safe choice is to walk
/// around the maze. The original rewards +10 at the goal, +0.5 per new path cell and ends on a fail cell; this version
/// keeps the goal reward and the fail ending, replaces the path bonus by a step cost (so shorter is better without
/// discounting), draws a new path every episode, and is small enough for exact reference returns.
/// Actions: <see cref="GridMoves"/>. Each step costs 0.2; entering a fail cell costs 5 more and ends the episode;
/// reaching the goal pays +10 and ends it. Horizon 60. Observations: <see cref="ColorMazeObservation"/>.
/// </summary>
public struct ColorMazeRules : IDomainRules<ColorMazeState>
{
    public const float StepCost = 0.2f;
    public const float GoalReward = 10f;
    public const float FailReward = -5f;
    public const int EpisodeHorizon = 60;

    public static DomainSpec Spec { get; } = new(
        "color-maze",
        ColorMazeObservation.TeacherDim,
        StudentObsTerms: [("position", 2), ("cells", ColorMazeObservation.WindowCells * ColorMazeObservation.StudentCellKinds)],
        ActionSpace.OfDiscrete(GridMoves.Count),
        EpisodeHorizon,
        ColorMazeReference.Returns);

    public static void Reset(ref ColorMazeState state, ref EnvRandom random)
    {
        state.X = ColorMazeLayout.StartX;
        state.Y = ColorMazeLayout.StartY;
        state.Path = ColorMazePath.Draw(ref random);
    }

    public static float Step(ref ColorMazeState state, ReadOnlySpan<float> action, ref EnvRandom random, out bool terminated)
    {
        int move = (int)action[0];
        int x = state.X + GridMoves.Dx(move);
        int y = state.Y + GridMoves.Dy(move);
        if (ColorMazeLayout.IsInside(x, y))
        {
            state.X = x;
            state.Y = y;
        }

        if (ColorMazeLayout.CellAt(state.Path, state.X, state.Y) == ColorMazeCell.Fail)
        {
            terminated = true;
            return FailReward - StepCost;
        }
        if (state.X == ColorMazeLayout.GoalX && state.Y == ColorMazeLayout.GoalY)
        {
            terminated = true;
            return GoalReward - StepCost;
        }
        terminated = false;
        return -StepCost;
    }

    public static void WriteTeacherObs(in ColorMazeState state, Span<float> destination) =>
        ColorMazeObservation.WriteTeacher(state, destination);

    public static void WriteStudentObs(in ColorMazeState state, Span<float> destination) =>
        ColorMazeObservation.WriteStudent(state, destination);
}
