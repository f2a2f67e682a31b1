namespace RobotPolicy.Trainer.Domains.CartPole;

/// <summary>
/// The cart-pole's reference returns: the horizon, 500, for all three. Not analytic but demonstrated (the domain
/// tests run each controller on many copies):
/// <list type="bullet">
/// <item>Best teacher 500: the linear law F = 1 x + 2 x' + 30 theta + 5 theta' (N, clipped to ±10) keeps every
/// parameter draw inside the limits for the whole horizon.</item>
/// <item>Best student 500: the same law on positions and velocities fitted by least squares over the last 5 noisy
/// readings.</item>
/// <item>Copy of the teacher 500: the teacher's law on velocities differenced from only the last 2 readings still
/// balances. The hidden parameters do not matter to a robust linear law and velocities are recoverable from any
/// history of 2 or more frames, so this domain has no imitation gap in return; it exercises sensing noise, history
/// and parameter randomization instead. With a single frame (no history) a student cannot estimate velocities and
/// falls.</item>
/// </list>
/// </summary>
public static class CartPoleReference
{
    public static DomainReturns Returns { get; } = new(
        BestTeacher: 500,
        BestStudent: 500,
        CopyTeacher: 500,
        Notes: "+1 per step, ends when |x| > 2.4 m or |theta| > 12 deg, horizon 500; pole mass U[0.05, 0.5] kg, half-length "
            + "U[0.25, 0.75] m per episode; student reads x and theta with Gaussian noise (std 0.01 m, 0.01 rad). "
            + "Not analytic, shown by controllers in the tests: teacher F = 1 x + 2 x' + 30 theta + 5 theta' balances for "
            + "the full horizon (500); a student fitting velocities over its last 5 readings does too (500); so does the "
            + "teacher's law on 2-frame differences (copy of the teacher, 500). The gap here is sensing and history, "
            + "not return: without history (1 frame) velocities are unobservable.");
}
