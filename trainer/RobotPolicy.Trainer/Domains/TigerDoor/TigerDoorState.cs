namespace RobotPolicy.Trainer.Domains.TigerDoor;

/// <summary>One TigerDoor copy: where the agent is, where the prize is, and whether the button was pressed.</summary>
public struct TigerDoorState
{
    public int X;
    public int Y;

    /// <summary>The hidden side: true when the prize is behind the right door (and the tiger behind the left).</summary>
    public bool PrizeOnRight;

    /// <summary>Set once the agent has stood on the button; from then on the student sees the prize side.</summary>
    public bool ButtonVisited;
}
