using RobotPolicy.Bundle;

namespace RobotPolicy.Control.Loop;

/// <summary>
/// What the control loop needs of a policy: its metadata, a history reset, and one allocation-free step from an
/// observation frame to actions. <see cref="SessionPolicy"/> is the ONNX Runtime one; tests use scripted ones.
/// </summary>
public interface IControlPolicy
{
    PolicyMetadata Metadata { get; }

    int FrameDim { get; }

    int ActionDim { get; }

    /// <summary>Forgets the observation history (a new episode, or the robot was restarted).</summary>
    void Reset();

    /// <summary>Pushes <paramref name="frame"/> into the history and writes the policy's actions.</summary>
    void Step(ReadOnlySpan<float> frame, Span<float> actions);
}
