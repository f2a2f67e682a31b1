using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.CartPole;

/// <summary>
/// Cart-pole with hidden parameters and partial sensing, one copy. Action: one value in [-1, 1], the force as a
/// fraction of MaxForce (10 N). See <see cref="CartPoleTask"/> for rewards and limits.
/// Teacher observation: x, x', theta, theta', pole half-length, pole mass. Student frame: the noisy cart position and
/// pole angle (<see cref="CartPoleSensor"/>).
/// </summary>
public struct CartPoleRules : IDomainRules<CartPoleEnvState>
{
    public static DomainSpec Spec { get; } = new(
        "cartpole",
        TeacherObsDim: 6,
        StudentObsTerms: [("cart_position", 1), ("pole_angle", 1)],
        ActionSpace.OfBox([-1f], [1f]),
        CartPoleTask.EpisodeHorizon,
        CartPoleReference.Returns);

    public static void Reset(ref CartPoleEnvState state, ref EnvRandom random)
    {
        state.Parameters = CartPoleParameters.Sample(ref random);
        state.Physics = CartPoleTask.SampleStart(ref random);
        state.Reading = CartPoleSensor.Read(state.Physics, ref random);
    }

    public static float Step(ref CartPoleEnvState state, ReadOnlySpan<float> action, ref EnvRandom random, out bool terminated)
    {
        double force = action[0] * state.Parameters.MaxForce;
        CartPolePhysics.Step(state.Parameters, ref state.Physics, force, CartPoleTask.StepSeconds);
        state.Reading = CartPoleSensor.Read(state.Physics, ref random);
        terminated = CartPoleTask.HasFailed(state.Physics);
        return CartPoleTask.AliveReward;
    }

    public static void WriteTeacherObs(in CartPoleEnvState state, Span<float> destination)
    {
        destination[0] = (float)state.Physics.X;
        destination[1] = (float)state.Physics.XDot;
        destination[2] = (float)state.Physics.Theta;
        destination[3] = (float)state.Physics.ThetaDot;
        destination[4] = (float)state.Parameters.PoleHalfLength;
        destination[5] = (float)state.Parameters.PoleMass;
    }

    public static void WriteStudentObs(in CartPoleEnvState state, Span<float> destination)
    {
        destination[0] = (float)state.Reading.X;
        destination[1] = (float)state.Reading.Theta;
    }
}
