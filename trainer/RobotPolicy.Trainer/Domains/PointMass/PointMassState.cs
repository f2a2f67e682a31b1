namespace RobotPolicy.Trainer.Domains.PointMass;

/// <summary>One point-mass copy: its position, the hidden goal side, and whether the hint zone was entered.</summary>
public struct PointMassState
{
    public float X;
    public float Y;

    /// <summary>-1 when the goal is at (-0.8, 0.8) (and the trap at (+0.8, 0.8)), +1 for the mirror image.</summary>
    public float GoalSide;

    /// <summary>Set once the agent entered the hint zone (y ≤ <see cref="PointMassTask.HintZoneMaxY"/>); from then on the
    /// student sees the goal side.</summary>
    public bool HintSeen;
}
