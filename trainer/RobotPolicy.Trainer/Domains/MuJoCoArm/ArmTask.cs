using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>
/// Reach and hold: the tip must go to a target in the arm's plane and stay there. 50 Hz control (ten 2 ms physics
/// steps per action), 4 s episodes. Reward per step: minus the tip's distance to the target (m), minus a small
/// effort cost, so an episode's return is about minus its summed distance.
/// </summary>
public static class ArmTask
{
    public const int PhysicsStepsPerAction = 10;
    public const double StepSeconds = 0.02;
    public const int EpisodeHorizon = 200;
    public const double EffortCost = 0.01;

    /// <summary>Targets: distance from the shoulder and angle from +x (down positive), inside the workspace and above the table.</summary>
    public const double MinReach = 0.3, MaxReach = 0.8, MinAngle = -1.2, MaxAngle = 1.0;

    public static (double X, double Z) SampleTarget(ref EnvRandom random)
    {
        double reach = random.NextDouble(MinReach, MaxReach);
        double angle = random.NextDouble(MinAngle, MaxAngle);
        return (reach * Math.Cos(angle), -reach * Math.Sin(angle));
    }

    /// <summary>Start: hanging forward and down, away from the table, at rest but for a little velocity.</summary>
    public static (double Shoulder, double Elbow, double ShoulderVelocity, double ElbowVelocity) SampleStart(ref EnvRandom random) =>
        (random.NextDouble(0.3, 0.8), random.NextDouble(-0.3, 0.3), random.NextDouble(-0.1, 0.1), random.NextDouble(-0.1, 0.1));

    public static float Reward(double tipX, double tipZ, double targetX, double targetZ, ReadOnlySpan<float> action)
    {
        double distance = Math.Sqrt((tipX - targetX) * (tipX - targetX) + (tipZ - targetZ) * (tipZ - targetZ));
        double effort = 0;
        foreach (float a in action)
        {
            effort += a * a;
        }
        return (float)(-distance - EffortCost * effort);
    }
}
