using RobotPolicy.Trainer.Domains.CartPole;
using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Tests.Domains;

public class CartPoleTests
{
    // The teacher's linear law (N per unit of x, x', theta, theta'), as documented in CartPoleReference.
    private static readonly double[] Gains = [1.0, 2.0, 30.0, 5.0];

    private static float Force(double x, double xDot, double theta, double thetaDot) =>
        (float)Math.Clamp((Gains[0] * x + Gains[1] * xDot + Gains[2] * theta + Gains[3] * thetaDot) / CartPoleParameters.Nominal.MaxForce, -1, 1);

    private sealed class Teacher : IScriptedPolicy
    {
        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action) =>
            action[0] = Force(teacherObs[0], teacherObs[1], teacherObs[2], teacherObs[3]);
    }

    /// <summary>The teacher's law on states estimated from the last <paramref name="window"/> noisy readings: a
    /// least-squares line through them gives position and velocity at the latest reading. Window 2 is a plain
    /// difference (the copy of the teacher); window 5 is the best student.</summary>
    private sealed class EstimatingStudent(int numEnvs, int window) : IScriptedPolicy
    {
        private readonly List<(double X, double Theta)>[] history =
            Enumerable.Range(0, numEnvs).Select(_ => new List<(double, double)>()).ToArray();

        public void BeginEpisode(int env) => history[env].Clear();

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action)
        {
            var h = history[env];
            h.Add((studentObs[0], studentObs[1]));
            if (h.Count > window)
            {
                h.RemoveAt(0);
            }
            var (x, xDot) = Fit(h.Select(r => r.X).ToArray());
            var (theta, thetaDot) = Fit(h.Select(r => r.Theta).ToArray());
            action[0] = Force(x, xDot, theta, thetaDot);
        }

        private static (double Value, double Rate) Fit(double[] values)
        {
            int n = values.Length;
            if (n == 1)
            {
                return (values[0], 0);
            }
            double meanT = (n - 1) / 2.0;
            double meanV = values.Average();
            double num = 0, den = 0;
            for (int i = 0; i < n; i++)
            {
                num += (i - meanT) * (values[i] - meanV);
                den += (i - meanT) * (i - meanT);
            }
            double slope = num / den;
            return (meanV + slope * (n - 1 - meanT), slope / CartPoleTask.StepSeconds);
        }
    }

    [Fact]
    public void Scripted_teacher_balances_every_parameter_draw_for_the_whole_horizon()
    {
        var env = new CartPoleEnv(300);
        Assert.All(ScriptedRollout.Returns(env, new Teacher(), seed: 1), r => Assert.Equal(env.Reference.BestTeacher, r));
    }

    [Fact]
    public void Scripted_student_fitting_velocities_from_five_readings_balances_for_the_whole_horizon()
    {
        var env = new CartPoleEnv(300);
        Assert.All(ScriptedRollout.Returns(env, new EstimatingStudent(env.NumEnvs, window: 5), seed: 2), r => Assert.Equal(env.Reference.BestStudent, r));
    }

    [Fact]
    public void Copying_the_teacher_on_two_frame_differences_still_balances()
    {
        var env = new CartPoleEnv(300);
        double mean = ScriptedRollout.Mean(env, new EstimatingStudent(env.NumEnvs, window: 2), seed: 3);
        Assert.Equal(env.Reference.CopyTeacher!.Value, mean, 1.0);
    }

    [Fact]
    public void Without_control_the_pole_falls_and_the_episode_ends_early()
    {
        var env = new CartPoleEnv(100);
        var zero = new ZeroForce();
        Assert.All(ScriptedRollout.Returns(env, zero, seed: 4), r => Assert.InRange(r, 5, 200));
    }

    [Fact]
    public void Hidden_parameters_are_drawn_within_the_documented_ranges()
    {
        var env = new CartPoleEnv(2000);
        env.Reset(6);
        var masses = Enumerable.Range(0, env.NumEnvs).Select(i => env.StateOf(i).Parameters.PoleMass).ToArray();
        var lengths = Enumerable.Range(0, env.NumEnvs).Select(i => env.StateOf(i).Parameters.PoleHalfLength).ToArray();
        Assert.All(masses, m => Assert.InRange(m, CartPoleParameters.MinPoleMass, CartPoleParameters.MaxPoleMass));
        Assert.All(lengths, l => Assert.InRange(l, CartPoleParameters.MinPoleHalfLength, CartPoleParameters.MaxPoleHalfLength));
        Assert.True(masses.Max() - masses.Min() > 0.4 && lengths.Max() - lengths.Min() > 0.45, "draws should span the ranges");
    }

    [Fact]
    public void Sensor_noise_has_the_documented_spread_and_is_drawn_once_per_step()
    {
        var env = new CartPoleEnv(4000, StepParallelism.SingleThreaded);
        env.Reset(7);
        var student = new float[env.NumEnvs * 2];
        var again = new float[env.NumEnvs * 2];
        env.WriteStudentObs(student);
        env.WriteStudentObs(again);
        Assert.Equal(student, again); // reading the observation twice draws nothing
        var errorsX = Enumerable.Range(0, env.NumEnvs).Select(i => student[2 * i] - env.StateOf(i).Physics.X).ToArray();
        var errorsTheta = Enumerable.Range(0, env.NumEnvs).Select(i => student[2 * i + 1] - env.StateOf(i).Physics.Theta).ToArray();
        Assert.Equal(CartPoleSensor.PositionNoiseStd, Std(errorsX), 0.001);
        Assert.Equal(CartPoleSensor.AngleNoiseStd, Std(errorsTheta), 0.001);
    }

    [Fact]
    public void Physics_pushes_the_cart_forward_and_tips_the_pole_back()
    {
        // A push to +x accelerates the cart to +x and the pole (hinged on the cart) towards -theta; gravity tips a
        // leaning pole further.
        var state = new CartPoleState(0, 0, 0, 0);
        CartPolePhysics.Step(CartPoleParameters.Nominal, ref state, force: 10, dt: 0.02);
        Assert.True(state.XDot > 0 && state.X > 0 && state.ThetaDot < 0 && state.Theta < 0);

        var leaning = new CartPoleState(0, 0, 0.1, 0);
        var (thetaAcc, _) = CartPolePhysics.Accelerations(CartPoleParameters.Nominal, leaning, force: 0);
        Assert.True(thetaAcc > 0);
        // Gym's CartPole, one Euler step from this state with force +10 (values from its equations by hand):
        // temp = 10 / 1.1, thetaAcc = -temp / (0.5 * (4/3 - 0.1 / 1.1)) = -14.634..., xAcc = temp - 0.05 * thetaAcc / 1.1.
        double temp = 10 / 1.1;
        double expectedThetaAcc = -temp / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
        Assert.Equal(expectedThetaAcc, CartPolePhysics.Accelerations(CartPoleParameters.Nominal, new CartPoleState(0, 0, 0, 0), 10).ThetaAcc, 12);
        Assert.Equal(0.02 * 0.02 * (temp - 0.05 * expectedThetaAcc / 1.1), state.X, 12); // semi-implicit: x uses the new x'
    }

    private static double Std(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    private sealed class ZeroForce : IScriptedPolicy
    {
        public void BeginEpisode(int env)
        {
        }

        public void Act(int env, ReadOnlySpan<float> teacherObs, ReadOnlySpan<float> studentObs, Span<float> action) => action[0] = 0;
    }
}
