namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>What the teacher sees of a cell. The student sees <see cref="Fail"/> and <see cref="Path"/> alike.</summary>
public enum ColorMazeCell
{
    /// <summary>Outside the maze band: always safe.</summary>
    Open = 0,

    /// <summary>A maze cell off the path: stepping on it ends the episode with a penalty.</summary>
    Fail = 1,

    /// <summary>A maze cell on the safe path.</summary>
    Path = 2,

    /// <summary>Beyond the map's edge: moves into it leave the agent in place.</summary>
    Wall = 3,
}
