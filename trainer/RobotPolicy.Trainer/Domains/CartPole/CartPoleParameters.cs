using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.CartPole;

/// <summary>
/// The physical constants of one cart-pole. Pole mass and half-length are the hidden parameters, drawn uniformly per
/// episode from [<see cref="MinPoleMass"/>, <see cref="MaxPoleMass"/>] kg and [<see cref="MinPoleHalfLength"/>,
/// <see cref="MaxPoleHalfLength"/>] m; the rest are the classic Barto, Sutton and Anderson (1983) values.
/// </summary>
public readonly record struct CartPoleParameters(
    double Gravity, double CartMass, double PoleMass, double PoleHalfLength, double MaxForce)
{
    public const double MinPoleMass = 0.05;
    public const double MaxPoleMass = 0.5;
    public const double MinPoleHalfLength = 0.25;
    public const double MaxPoleHalfLength = 0.75;

    /// <summary>The classic cart-pole: 1 kg cart, 0.1 kg pole of half-length 0.5 m, ±10 N.</summary>
    public static CartPoleParameters Nominal { get; } = new(9.8, 1.0, 0.1, 0.5, 10.0);

    /// <summary>The nominal constants with pole mass and half-length drawn from their ranges.</summary>
    public static CartPoleParameters Sample(ref EnvRandom random) => Nominal with
    {
        PoleMass = random.NextDouble(MinPoleMass, MaxPoleMass),
        PoleHalfLength = random.NextDouble(MinPoleHalfLength, MaxPoleHalfLength),
    };
}
