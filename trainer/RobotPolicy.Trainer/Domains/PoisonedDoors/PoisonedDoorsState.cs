namespace RobotPolicy.Trainer.Domains.PoisonedDoors;

/// <summary>One PoisonedDoors copy: the phase of the episode and the hidden good door.</summary>
public struct PoisonedDoorsState
{
    /// <summary>0 while choosing; 1 + k while the k-th code digit (0-based) is due.</summary>
    public int Phase;

    /// <summary>The hidden good door, 0 to 2.</summary>
    public int GoodDoor;
}
