namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>
/// The four moves of the grid domains, as discrete action indices. y grows downwards (row 0 is the top row), as in
/// the ASCII maps in the domains' documentation.
/// </summary>
public static class GridMoves
{
    public const int Up = 0;
    public const int Right = 1;
    public const int Down = 2;
    public const int Left = 3;

    /// <summary>How many moves there are (the size of the discrete action space).</summary>
    public const int Count = 4;

    /// <summary>Column change of move <paramref name="move"/>.</summary>
    public static int Dx(int move) => move switch { Right => 1, Left => -1, _ => 0 };

    /// <summary>Row change of move <paramref name="move"/>.</summary>
    public static int Dy(int move) => move switch { Down => 1, Up => -1, _ => 0 };
}
