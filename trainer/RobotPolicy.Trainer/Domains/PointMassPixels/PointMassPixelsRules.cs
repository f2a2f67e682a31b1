using RobotPolicy.Trainer.Domains.Common;
using RobotPolicy.Trainer.Domains.PointMass;

namespace RobotPolicy.Trainer.Domains.PointMassPixels;

/// <summary>
/// The hidden-goal point mass (<see cref="PointMassRules"/>: the same arena, dynamics, rewards and horizon) with a
/// student that sees it through a camera: one frame is a 32 × 32 top-down image (<see cref="PointMassImage"/>) instead
/// of its position and goal hint. The teacher still observes the compact privileged state (position, hint, goal
/// position). The image carries what the compact student sees (the position, to a fraction of a pixel, and the goal
/// side once the hint zone was entered), so the reference returns are the point mass's; what changes is the cost of
/// learning: an RL student must learn to read positions out of 1,024 noisy values per frame.
/// </summary>
public struct PointMassPixelsRules : IDomainRules<PointMassPixelsState>
{
    public static DomainSpec Spec { get; } = new(
        "point-mass-pixels",
        TeacherObsDim: PointMassRules.Spec.TeacherObsDim,
        StudentObsTerms: [("image", PointMassImage.Pixels)],
        PointMassRules.Spec.ActionSpace,
        PointMassRules.Spec.Horizon,
        PointMassRules.Spec.Reference with
        {
            Notes = "As point-mass (the same arena, dynamics and rewards; the student's image shows its position and, after the hint zone, "
                + "the goal side, as the compact student's observation does): " + PointMassRules.Spec.Reference.Notes,
        });

    public static void Reset(ref PointMassPixelsState state, ref EnvRandom random)
    {
        PointMassRules.Reset(ref state.Body, ref random);
        state.NoiseSeed = random.NextUInt64();
    }

    public static float Step(ref PointMassPixelsState state, ReadOnlySpan<float> action, ref EnvRandom random, out bool terminated)
    {
        float reward = PointMassRules.Step(ref state.Body, action, ref random, out terminated);
        state.NoiseSeed = random.NextUInt64();
        return reward;
    }

    public static void WriteTeacherObs(in PointMassPixelsState state, Span<float> destination) =>
        PointMassRules.WriteTeacherObs(state.Body, destination);

    public static void WriteStudentObs(in PointMassPixelsState state, Span<float> destination) =>
        PointMassImage.Render(state, destination);
}
