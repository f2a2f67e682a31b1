namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>
/// The names of a domain's action outputs, which a bundle lists as <c>action.names</c> and a robot as its joints:
/// <c>action_0</c>, <c>action_1</c>, ... for a box (one per actuator), <c>logit_0</c>, ... for a discrete choice
/// (one per option; the robot takes the largest). The exporter and the simulated robot both name them here, so a
/// trained domain's bundle and its simulated robot agree by construction.
/// </summary>
public static class ActionNames
{
    public static IReadOnlyList<string> For(ActionSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        int outputs = space.Discrete ? space.Count : space.Dim;
        return Enumerable.Range(0, outputs).Select(i => space.Discrete ? $"logit_{i}" : $"action_{i}").ToArray();
    }
}
