using RobotPolicy.Trainer.Domains.PointMass;

namespace RobotPolicy.Trainer.Domains.PointMassPixels;

/// <summary>One pixel point mass: the point mass itself, and the seed of the current frame's sensor noise (drawn in
/// Reset and Step, so that rendering a frame draws nothing).</summary>
public struct PointMassPixelsState
{
    public PointMassState Body;
    public ulong NoiseSeed;
}
