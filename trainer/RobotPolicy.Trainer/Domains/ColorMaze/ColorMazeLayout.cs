namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>
/// The map: an 11 x 9 grid crossed by a maze band (rows 2 to 6, columns 1 to 9) of fail cells with one hidden safe
/// path through it. Columns 0 and 10 stay open beside the band: the detour a student can take without seeing the path.
/// <code>
///   x: 0 1 2 3 4 5 6 7 8 9 10
/// y=0  . . . . . G . . . . .     G: goal
/// y=1  . . . . . . . . . . .
/// y=2  . # # # # # # # # # .     #: maze band (fail cells and the path, see ColorMazePath)
/// y=3  . # # # # # # # # # .
/// y=4  . # # # # # # # # # .
/// y=5  . # # # # # # # # # .
/// y=6  . # # # # # # # # # .
/// y=7  . . . . . . . . . . .
/// y=8  . . . . . S . . . . .     S: start
/// </code>
/// </summary>
public static class ColorMazeLayout
{
    public const int Width = 11;
    public const int Height = 9;
    public const int StartX = 5;
    public const int StartY = 8;
    public const int GoalX = 5;
    public const int GoalY = 0;
    public const int BandTop = 2;
    public const int BandBottom = 6;
    public const int BandLeft = 1;
    public const int BandRight = 9;

    public static bool IsInside(int x, int y) => x >= 0 && x < Width && y >= 0 && y < Height;

    public static bool IsInBand(int x, int y) => y >= BandTop && y <= BandBottom && x >= BandLeft && x <= BandRight;

    /// <summary>The cell at (x, y) of the maze whose safe path is <paramref name="path"/>.</summary>
    public static ColorMazeCell CellAt(in ColorMazePath path, int x, int y)
    {
        if (!IsInside(x, y))
        {
            return ColorMazeCell.Wall;
        }
        if (!IsInBand(x, y))
        {
            return ColorMazeCell.Open;
        }
        return path.Contains(x, y) ? ColorMazeCell.Path : ColorMazeCell.Fail;
    }
}
