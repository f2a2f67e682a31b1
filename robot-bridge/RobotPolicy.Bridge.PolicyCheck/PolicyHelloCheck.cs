using RobotPolicy.Bridge.Handshake;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bundle;

namespace RobotPolicy.Bridge.PolicyCheck;

/// <summary>
/// The runtime's start-up check: the robot's <see cref="Hello"/> against the policy bundle's metadata. The
/// mapping: <c>action.names[i]</c> is joint i (target i of every action frame drives it); <c>observation.terms[i]</c>
/// is sensor term i, matched by name and by <c>dim</c> (values per frame; <c>history</c> is the runtime's stacking,
/// never sent); <c>control.period_seconds</c> is the robot's control period.
/// </summary>
public static class PolicyHelloCheck
{
    /// <summary>What a policy with <paramref name="metadata"/> expects the robot's Hello to say.</summary>
    public static ExpectedRobot ExpectedRobot(PolicyMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new ExpectedRobot(
            JointNames: [.. metadata.Action.Names],
            SensorTerms: [.. metadata.Observation.Terms.Select(term => new SensorTerm(term.Name, term.Dim))],
            ControlPeriodSeconds: metadata.Control.PeriodSeconds);
    }

    /// <summary>Throws <see cref="HelloMismatchException"/> naming the first way the robot differs from what the policy expects.</summary>
    public static void Verify(Hello hello, PolicyMetadata metadata) => HelloCheck.Verify(hello, ExpectedRobot(metadata));
}
