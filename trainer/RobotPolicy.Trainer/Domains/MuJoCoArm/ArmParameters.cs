using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>
/// The physics drawn per episode, which the teacher observes and the student does not: the payload's mass at the
/// tip (kg), both joints' damping (N·m·s/rad) and the motors' strength (a factor on their torque).
/// </summary>
public readonly record struct ArmParameters(double PayloadMass, double Damping, double Strength)
{
    public const double MinPayload = 0.1, MaxPayload = 1.5;
    public const double MinDamping = 0.05, MaxDamping = 1.0;
    public const double MinStrength = 0.7, MaxStrength = 1.3;

    public static ArmParameters Sample(ref EnvRandom random) => new(
        random.NextDouble(MinPayload, MaxPayload),
        random.NextDouble(MinDamping, MaxDamping),
        random.NextDouble(MinStrength, MaxStrength));
}
