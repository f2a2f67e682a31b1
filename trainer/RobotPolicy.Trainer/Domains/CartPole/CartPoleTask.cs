using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.CartPole;

/// <summary>
/// The balancing task around the physics: Gym CartPole's limits and start distribution, a 0.02 s step, and a
/// continuous force of action x MaxForce. Reward +1 for every step taken (the failing one included, as in Gym), so an
/// episode's return is its length.
/// </summary>
public static class CartPoleTask
{
    public const double StepSeconds = 0.02;
    public const double PositionLimit = 2.4;
    public const double AngleLimit = 12.0 * Math.PI / 180.0;
    public const double StartRange = 0.05;
    public const int EpisodeHorizon = 500;
    public const float AliveReward = 1f;

    /// <summary>Each state variable uniform in ±<see cref="StartRange"/>, as in Gym.</summary>
    public static CartPoleState SampleStart(ref EnvRandom random) => new(
        random.NextDouble(-StartRange, StartRange),
        random.NextDouble(-StartRange, StartRange),
        random.NextDouble(-StartRange, StartRange),
        random.NextDouble(-StartRange, StartRange));

    /// <summary>Whether the cart left the track or the pole fell past the limit: the episode's end.</summary>
    public static bool HasFailed(in CartPoleState state) =>
        Math.Abs(state.X) > PositionLimit || Math.Abs(state.Theta) > AngleLimit;
}
