using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>
/// The hidden safe path through the maze band, drawn per episode. It enters the band's bottom row (6) at column
/// <see cref="Entry"/> (4, 5 or 6), steps up, sideways one column in row 5 to <see cref="Middle"/>, up two rows, sideways
/// one column in row 3 to <see cref="Exit"/>, and leaves through row 2:
/// <code>
/// row 2: Exit
/// row 3: Middle, Exit
/// row 4: Middle
/// row 5: Entry, Middle
/// row 6: Entry
/// </code>
/// Both sideways steps go left or right with equal probability. The straight row between them means no two path cells
/// touch except along the path, so the path has no shortcuts: crossing the band always takes 7 moves (5 up, 2
/// sideways) and only the horizontal walks to the entry and from the exit vary (see ColorMazeReference).
/// </summary>
public struct ColorMazePath
{
    public int Entry;
    public int Middle;
    public int Exit;

    public static ColorMazePath Draw(ref EnvRandom random)
    {
        var path = new ColorMazePath { Entry = ColorMazeLayout.StartX - 1 + random.NextInt(3) };
        path.Middle = path.Entry + (random.NextBool() ? 1 : -1);
        path.Exit = path.Middle + (random.NextBool() ? 1 : -1);
        return path;
    }

    /// <summary>How many cells the path has (see <see cref="IndexOf"/>).</summary>
    public const int CellCount = 7;

    /// <summary>
    /// The position of band cell (x, y) along the path, from 0 (the entry, row 6) to 6 (the exit, row 2), or -1 when
    /// it is not on the path. The progress bonus keeps one bit per index.
    /// </summary>
    public readonly int IndexOf(int x, int y) => y switch
    {
        6 when x == Entry => 0,
        5 when x == Entry => 1,
        5 when x == Middle => 2,
        4 when x == Middle => 3,
        3 when x == Middle => 4,
        3 when x == Exit => 5,
        2 when x == Exit => 6,
        _ => -1,
    };

    /// <summary>Whether band cell (x, y) lies on the path.</summary>
    public readonly bool Contains(int x, int y) => y switch
    {
        6 => x == Entry,
        5 => x == Entry || x == Middle,
        4 => x == Middle,
        3 => x == Middle || x == Exit,
        2 => x == Exit,
        _ => false,
    };
}
