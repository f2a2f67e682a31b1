using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.CartPole;

/// <summary>One reading of the student's sensors: cart position (m) and pole angle (rad), with noise.</summary>
public record struct CartPoleReading(double X, double Theta);

/// <summary>
/// The student's sensors: an encoder on the cart and one on the pole joint, each with independent Gaussian noise
/// (<see cref="PositionNoiseStd"/> m, <see cref="AngleNoiseStd"/> rad). No velocities: those must come from history.
/// </summary>
public static class CartPoleSensor
{
    public const double PositionNoiseStd = 0.01;
    public const double AngleNoiseStd = 0.01;

    public static CartPoleReading Read(in CartPoleState state, ref EnvRandom random) => new(
        state.X + PositionNoiseStd * random.NextGaussian(),
        state.Theta + AngleNoiseStd * random.NextGaussian());
}
