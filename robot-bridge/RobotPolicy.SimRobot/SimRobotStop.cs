namespace RobotPolicy.SimRobot;

/// <summary>Why a simulated robot stopped.</summary>
public enum SimRobotStop
{
    /// <summary>It ran the episodes it was asked for.</summary>
    EpisodesDone,

    /// <summary>Its owner cancelled it (Ctrl-C).</summary>
    Cancelled,

    /// <summary>The runtime sent an EStop.</summary>
    EStop,
}
