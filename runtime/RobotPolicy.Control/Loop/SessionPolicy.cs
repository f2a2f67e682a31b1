using RobotPolicy.Bundle;
using RobotPolicy.Runtime.Session;

namespace RobotPolicy.Control.Loop;

/// <summary>A policy bundle under ONNX Runtime as the control loop's policy.</summary>
public sealed class SessionPolicy(PolicySession session) : IControlPolicy
{
    public PolicySession Session { get; } = session ?? throw new ArgumentNullException(nameof(session));

    public PolicyMetadata Metadata => Session.Metadata;

    public int FrameDim => Session.FrameDim;

    public int ActionDim => Session.ActionDim;

    public void Reset() => Session.Reset();

    public void Step(ReadOnlySpan<float> frame, Span<float> actions) => Session.Step(frame, actions);
}
