namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>
/// The observations: the position relative to the goal, ((x - 5) / 5, y / 8), then the 3 x 3 cells around the agent,
/// row by row from the top-left, each one-hot. The teacher's one-hot has 4 values (open, fail, path, wall); the
/// student's has 3 (open, maze, wall): it sees that a cell belongs to the maze band but not whether it is safe.
/// The 3 x 3 window (the original's view is the cell and its 4 neighbours) lets the teacher see the path's entry from
/// the row below the band, so its best route does not depend on exploring.
/// </summary>
public static class ColorMazeObservation
{
    public const int WindowCells = 9;
    public const int TeacherCellKinds = 4;
    public const int StudentCellKinds = 3;
    public const int TeacherDim = 2 + WindowCells * TeacherCellKinds;
    public const int StudentDim = 2 + WindowCells * StudentCellKinds;

    /// <summary>The student's one-hot index of a cell kind: fail and path collapse to "maze".</summary>
    public static int StudentKind(ColorMazeCell cell) => cell switch
    {
        ColorMazeCell.Open => 0,
        ColorMazeCell.Fail or ColorMazeCell.Path => 1,
        _ => 2,
    };

    public static void WriteTeacher(in ColorMazeState state, Span<float> destination) =>
        Write(state, destination, TeacherCellKinds, teacher: true);

    public static void WriteStudent(in ColorMazeState state, Span<float> destination) =>
        Write(state, destination, StudentCellKinds, teacher: false);

    private static void Write(in ColorMazeState state, Span<float> destination, int kinds, bool teacher)
    {
        destination[0] = (state.X - ColorMazeLayout.GoalX) / 5f;
        destination[1] = (state.Y - ColorMazeLayout.GoalY) / 8f;
        var window = destination[2..];
        window.Clear();
        int slot = 0;
        for (int dy = -1; dy <= 1; dy++)
        {
            for (int dx = -1; dx <= 1; dx++, slot++)
            {
                var cell = ColorMazeLayout.CellAt(state.Path, state.X + dx, state.Y + dy);
                int kind = teacher ? (int)cell : StudentKind(cell);
                window[slot * kinds + kind] = 1f;
            }
        }
    }
}
