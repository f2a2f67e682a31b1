namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>One color-maze copy: the agent's cell, the episode's hidden path (the map is computed from it, so no
/// per-copy grid is stored) and which path cells this episode has already visited.</summary>
public struct ColorMazeState
{
    public int X;
    public int Y;
    public ColorMazePath Path;

    /// <summary>Bit i is set once path cell i (<see cref="ColorMazePath.IndexOf"/>) was visited this episode: only the
    /// first visit pays the progress bonus.</summary>
    public byte VisitedPathCells;
}
