namespace RobotPolicy.Trainer.Domains.TigerDoor;

/// <summary>
/// The TigerDoor map: a corridor with a door at each end and, below its middle, a dead-end passage whose last cell
/// is the button that reveals which door hides the prize (the other hides the tiger).
/// <code>
///   x: 0 1 2 3 4 5 6
/// y=0  D . . S . . D     D: door (entering one ends the episode), S: start
/// y=1        .
/// y=2        B           B: button
/// </code>
/// </summary>
public static class TigerDoorLayout
{
    public const int LeftDoorX = 0;
    public const int RightDoorX = 6;
    public const int StartX = 3;
    public const int StartY = 0;
    public const int ButtonX = 3;
    public const int ButtonY = 2;

    /// <summary>Whether (x, y) is a cell of the map (moves into anything else leave the agent where it is).</summary>
    public static bool IsWalkable(int x, int y) =>
        (y == 0 && x >= LeftDoorX && x <= RightDoorX) || (x == ButtonX && y >= 0 && y <= ButtonY);

    public static bool IsDoor(int x, int y) => y == 0 && (x == LeftDoorX || x == RightDoorX);

    public static bool IsButton(int x, int y) => x == ButtonX && y == ButtonY;
}
