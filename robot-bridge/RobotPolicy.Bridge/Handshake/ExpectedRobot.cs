using RobotPolicy.Bridge.Messages;

namespace RobotPolicy.Bridge.Handshake;

/// <summary>
/// What a policy needs the robot to say in its <see cref="Hello"/>: the joints its actions drive, in action order;
/// the sensor terms of one observation frame (name and values per frame), in order; and its control period. The
/// bridge owns this shape so it needs no reference to the bundle format; RobotPolicy.Bridge.PolicyCheck builds
/// one from a bundle's metadata.
/// </summary>
public sealed record ExpectedRobot(IReadOnlyList<string> JointNames, IReadOnlyList<SensorTerm> SensorTerms, double ControlPeriodSeconds);
