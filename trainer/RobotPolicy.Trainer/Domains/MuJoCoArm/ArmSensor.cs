using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>One reading of the student's sensors: joint encoders, their velocities, and the target as a camera sees it.</summary>
public record struct ArmReading(double Shoulder, double Elbow, double ShoulderVelocity, double ElbowVelocity, double TargetX, double TargetZ);

/// <summary>
/// The student's sensors, with noise: encoders (<see cref="AngleNoiseStd"/> rad), velocities
/// (<see cref="VelocityNoiseStd"/> rad/s), and the target seen with a per-step noise (<see cref="TargetNoiseStd"/>)
/// on top of an offset drawn once per episode (<see cref="TargetBiasStd"/>, a calibration error). History averages
/// the per-step noise away and shows how the arm responds to torque (payload, damping, strength can be inferred);
/// the offset it cannot show.
/// </summary>
public static class ArmSensor
{
    public const double AngleNoiseStd = 0.005;
    public const double VelocityNoiseStd = 0.05;
    public const double TargetNoiseStd = 0.005;
    public const double TargetBiasStd = 0.03;

    public static (double X, double Z) SampleTargetBias(ref EnvRandom random) =>
        (TargetBiasStd * random.NextGaussian(), TargetBiasStd * random.NextGaussian());

    public static ArmReading Read(double shoulder, double elbow, double shoulderVelocity, double elbowVelocity,
        double targetX, double targetZ, (double X, double Z) bias, ref EnvRandom random) => new(
        shoulder + AngleNoiseStd * random.NextGaussian(),
        elbow + AngleNoiseStd * random.NextGaussian(),
        shoulderVelocity + VelocityNoiseStd * random.NextGaussian(),
        elbowVelocity + VelocityNoiseStd * random.NextGaussian(),
        targetX + bias.X + TargetNoiseStd * random.NextGaussian(),
        targetZ + bias.Z + TargetNoiseStd * random.NextGaussian());
}
