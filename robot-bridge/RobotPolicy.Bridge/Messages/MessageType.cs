namespace RobotPolicy.Bridge.Messages;

/// <summary>The kinds of message, each with its tag on the wire (the "t" value).</summary>
public enum MessageType
{
    /// <summary>"hello": the robot introduces itself at connect.</summary>
    Hello,

    /// <summary>"sensor": one control cycle's sensor values, robot to runtime.</summary>
    SensorFrame,

    /// <summary>"action": the targets computed from one sensor frame, runtime to robot.</summary>
    ActionFrame,

    /// <summary>"heartbeat": either side, so the other can tell a quiet link from a dead one.</summary>
    Heartbeat,

    /// <summary>"estop": either side asks for an emergency stop.</summary>
    EStop,

    /// <summary>"fault": either side reports a problem it cannot recover from by itself.</summary>
    Fault,

    /// <summary>"goodbye": either side ends the session on purpose (protocol version 2).</summary>
    Goodbye,
}
