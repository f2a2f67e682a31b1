using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>
/// The color maze, one copy: a small version of the ColorMaze of Messikommer et al., "Student-Informed Teacher
/// Training" (ICLR 2025). There, a maze of fail cells with a coloured safe path separates start and goal; the teacher
/// sees cell colours, the student sees fail and path cells in one colour, so the student's safe choice is to walk
/// around the maze. As in the original, the goal pays +10, a path cell pays a bonus on its first visit in the episode,
/// and a fail cell ends the episode. This version pays 1 per new path cell (the original 0.5), charges 5 on the fail
/// cell (the original 0.1) and a small step cost (so the shortest route is the best one without discounting), draws a
/// new path every episode, and is small enough for exact reference returns.
/// Actions: <see cref="GridMoves"/>. Each step costs 0.05; entering a path cell for the first time pays 1; entering a
/// fail cell costs 5 more and ends the episode; reaching the goal pays +10 and ends it. Horizon 60.
/// Why these numbers: wandering for the whole horizon costs 60 x 0.05 = 3, less than dying at once (5.05), so
/// exploring beats suicide (with the earlier 0.2 step cost and no bonus, PPO settled on stepping onto a fail cell at
/// once). The path bonus leads the teacher, who sees the path cells, into the band one cell at a time and makes its
/// route clearly better than the student's detour, which earns no bonus (16.4 against 9.1, see
/// <see cref="ColorMazeReference"/>). With 0.5 per cell, PPO sometimes found the safe detour first and stayed there.
/// Observations: <see cref="ColorMazeObservation"/>.
/// </summary>
public struct ColorMazeRules : IDomainRules<ColorMazeState>
{
    public const float StepCost = 0.05f;
    public const float PathBonus = 1f;
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
        state.VisitedPathCells = 0;
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

        var cell = ColorMazeLayout.CellAt(state.Path, state.X, state.Y);
        if (cell == ColorMazeCell.Fail)
        {
            terminated = true;
            return FailReward - StepCost;
        }
        if (cell == ColorMazeCell.Path)
        {
            int bit = 1 << state.Path.IndexOf(state.X, state.Y);
            if ((state.VisitedPathCells & bit) == 0)
            {
                state.VisitedPathCells |= (byte)bit;
                terminated = false;
                return PathBonus - StepCost;
            }
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
