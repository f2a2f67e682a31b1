namespace RobotPolicy.Bridge.Messages;

/// <summary>What the robot does with an action frame ("mode"). The robot side implements each; the runtime picks.</summary>
public enum ActionMode
{
    /// <summary>"normal": track the targets.</summary>
    Normal,

    /// <summary>"hold": hold the joints at the targets, which the runtime keeps at the last normal targets (or the default pose) while it waits, say for a late sensor frame or during soft start.</summary>
    Hold,

    /// <summary>"damping": no position tracking; the joints are only damped, so the robot sags gently. Targets are ignored (and may be empty).</summary>
    Damping,

    /// <summary>"safe": the robot goes to its own safe state (sit or lie down, brakes on). Targets are ignored (and may be empty).</summary>
    Safe,
}
