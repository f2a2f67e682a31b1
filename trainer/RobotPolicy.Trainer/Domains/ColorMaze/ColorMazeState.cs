namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>One color-maze copy: the agent's cell and the episode's hidden path (the map is computed from it, so no
/// per-copy grid is stored).</summary>
public struct ColorMazeState
{
    public int X;
    public int Y;
    public ColorMazePath Path;
}
