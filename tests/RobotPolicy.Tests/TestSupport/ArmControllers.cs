using RobotPolicy.Trainer.Domains.MuJoCoArm;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Scripted controllers for the MuJoCo arm: inverse kinematics to the target, then PD control with gravity
/// compensation, turned into motor commands by the motors' torque. They differ in what they know.
/// </summary>
internal static class ArmControllers
{
    private static readonly double[] Kp = [80, 40], Kd = [10, 4], Ki = [60, 30];
    private const double UpperMass = 1.0, ForearmMass = 0.6, Gravity = 9.81;

    /// <summary>A controller for one arm: observations in, two commands out; state kept between steps of an episode.</summary>
    internal interface IArmController
    {
        void Act(ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> command);
    }

    public static Func<IArmController> Teacher => () => new Pd(knows: true, integral: false);

    public static Func<IArmController> Student => () => new Pd(knows: false, integral: true);

    public static Func<IArmController> CopyTeacher => () => new Pd(knows: false, integral: false);

    /// <summary>Mean undiscounted return of <paramref name="episodes"/> episodes, one per copy, from one reset.</summary>
    public static double MeanReturn(Func<IArmController> make, int episodes, int seed)
    {
        var env = new MuJoCoArmEnv(episodes);
        var controllers = Enumerable.Range(0, episodes).Select(_ => make()).ToArray();
        var teacher = new float[episodes * env.TeacherObsDim];
        var student = new float[episodes * env.StudentObsDim];
        var actions = new float[episodes * 2];
        var rewards = new float[episodes];
        var terminated = new bool[episodes];
        var truncated = new bool[episodes];
        double total = 0;
        env.Reset(seed);
        for (int step = 0; step < env.Horizon; step++)
        {
            env.WriteTeacherObs(teacher);
            env.WriteStudentObs(student);
            for (int i = 0; i < episodes; i++)
            {
                controllers[i].Act(teacher.AsSpan(i * env.TeacherObsDim, env.TeacherObsDim), student.AsSpan(i * env.StudentObsDim, env.StudentObsDim), actions.AsSpan(i * 2, 2));
            }
            env.Step(actions, rewards, terminated, truncated);
            total += rewards.Sum();
        }
        return total / episodes;
    }

    private sealed class Pd(bool knows, bool integral) : IArmController
    {
        private readonly double[] _errorIntegral = new double[2];

        public void Act(ReadOnlySpan<float> t, ReadOnlySpan<float> s, Span<float> command)
        {
            // What it knows: the teacher the true state, target and physics; the others their sensors and mid-range physics.
            double q1 = knows ? t[0] : s[0], q2 = knows ? t[1] : s[1];
            double v1 = knows ? t[2] : s[2], v2 = knows ? t[3] : s[3];
            double tx = knows ? t[4] : s[4], tz = knows ? t[5] : s[5];
            double payload = knows ? t[6] : (ArmParameters.MinPayload + ArmParameters.MaxPayload) / 2;
            double damping = knows ? t[7] : (ArmParameters.MinDamping + ArmParameters.MaxDamping) / 2;
            double strength = knows ? t[8] : 1.0;

            var (g1, g2) = Goal(tx, tz, q1, q2);
            double e1 = g1 - q1, e2 = g2 - q2;
            if (integral)
            {
                _errorIntegral[0] = Math.Clamp(_errorIntegral[0] + e1 * ArmTask.StepSeconds, -0.5, 0.5);
                _errorIntegral[1] = Math.Clamp(_errorIntegral[1] + e2 * ArmTask.StepSeconds, -0.5, 0.5);
            }
            var (c1, c2) = GravityTorque(q1, q2, payload);
            double tau1 = Kp[0] * e1 - Kd[0] * v1 + damping * v1 - c1 + Ki[0] * _errorIntegral[0];
            double tau2 = Kp[1] * e2 - Kd[1] * v2 + damping * v2 - c2 + Ki[1] * _errorIntegral[1];
            command[0] = (float)Math.Clamp(tau1 / (ArmModel.NominalGear[0] * strength), -1, 1);
            command[1] = (float)Math.Clamp(tau2 / (ArmModel.NominalGear[1] * strength), -1, 1);
        }

        /// <summary>Joint angles that put the tip on (x, z): of the two elbow solutions, the nearer.</summary>
        private static (double, double) Goal(double x, double z, double q1, double q2)
        {
            double l1 = ArmModel.UpperArmLength, l2 = ArmModel.ForearmLength;
            double y = -z; // angles grow downwards
            double c = Math.Clamp((x * x + y * y - l1 * l1 - l2 * l2) / (2 * l1 * l2), -1, 1);
            double best1 = 0, best2 = 0, bestDistance = double.MaxValue;
            foreach (double sign in (double[])[1, -1])
            {
                double a2 = sign * Math.Acos(c);
                double a1 = Math.Atan2(y, x) - Math.Atan2(l2 * Math.Sin(a2), l1 + l2 * Math.Cos(a2));
                double distance = Math.Abs(a1 - q1) + Math.Abs(a2 - q2);
                if (distance < bestDistance)
                {
                    (best1, best2, bestDistance) = (a1, a2, distance);
                }
            }
            return (best1, best2);
        }

        /// <summary>The joint torques gravity exerts (positive: down), for a payload of the given mass.</summary>
        private static (double, double) GravityTorque(double q1, double q2, double payload)
        {
            double l1 = ArmModel.UpperArmLength, l2 = ArmModel.ForearmLength;
            double c1 = Math.Cos(q1), c12 = Math.Cos(q1 + q2);
            double elbow = Gravity * (ForearmMass * l2 / 2 * c12 + payload * l2 * c12);
            double shoulder = Gravity * (UpperMass * l1 / 2 * c1 + (ForearmMass + payload) * l1 * c1) + elbow;
            return (shoulder, elbow);
        }
    }
}
