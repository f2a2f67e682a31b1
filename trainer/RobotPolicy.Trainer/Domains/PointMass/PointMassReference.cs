namespace RobotPolicy.Trainer.Domains.PointMass;

/// <summary>
/// The point mass's reference returns, exact. Each axis moves at most 0.1 per step, so reaching a point takes
/// ceil(max(|dx|, |dy|) / 0.1) steps (a Chebyshev distance), and reaching a disc of radius r means reaching its
/// cheapest point. Every step costs 0.02, the goal pays +1, the trap -1, and every step pays its progress towards the
/// goal disc, d_before - d_after (d: distance to the goal disc, 0 inside it). The progress terms telescope to
/// d_start - d_end, where d_start = 0.8 sqrt 2 - 0.17 ≈ 0.9614 (the origin to the goal disc): every episode that
/// reaches the goal earns exactly d_start of them, whatever its route, so among such routes the fewest steps win, as
/// without the shaping.
/// <list type="bullet">
/// <item>Best teacher 0.86 + d_start ≈ 1.8214: straight along the diagonal to the goal disc. The nearest disc point is
/// 0.8 - 0.17 / sqrt 2 = 0.68 away per axis: 7 steps (6 reach only (0.6, 0.6), 0.28 from the goal).
/// 1 + d_start - 7 x 0.02.</item>
/// <item>Best student 0.82 + d_start ≈ 1.7814: one step south into the hint zone (to y ≤ -0.08: the side is unknown, so
/// x stays 0; -0.08 to -0.1 is reachable in one step), then 8 steps to the goal disc: from (0, -0.08) its nearest
/// point in the Chebyshev sense is 0.727 away per axis (7 steps reach 0.7, short by 0.027). 9 steps:
/// 1 + d_start - 9 x 0.02. Without the hint the student cannot tell the corners apart, so whatever corner it ends in
/// is the trap half the time: at most (1/2)(1.8214) + (1/2)(-1 + d_start - 1.26 - 0.14) ≈ 0.19 (the trap disc is at
/// least 1.26 from the goal disc, so there d_end ≥ 1.26); running out the 50 steps earns at most d_start - 1 < 0.
/// Both are worse.</item>
/// <item>Copy of the teacher -0.14 + d_start - d_trap / 2 ≈ 0.1547: it heads for a corner without knowing which one,
/// 7 steps along the diagonal. Half the time that is the goal (1 + d_start - 0.14); half the time the trap, entered at
/// (∓0.7, 0.7), whose distance to the goal disc is d_trap = sqrt(1.5² + 0.1²) - 0.17 = sqrt 2.26 - 0.17 ≈ 1.3333
/// (-1 + d_start - d_trap - 0.14).</item>
/// </list>
/// </summary>
public static class PointMassReference
{
    /// <summary>Distance from the start (the origin) to the goal disc: the progress every successful episode earns.</summary>
    public static double StartDistance { get; } = 0.8 * Math.Sqrt(2) - 0.17;

    /// <summary>Distance to the goal disc from (∓0.7, 0.7), where a diagonal run enters the trap.</summary>
    public static double TrapDistance { get; } = Math.Sqrt(1.5 * 1.5 + 0.1 * 0.1) - 0.17;

    public static DomainReturns Returns { get; } = new(
        BestTeacher: 0.86 + PointMassTask.ProgressScale * StartDistance,
        BestStudent: 0.82 + PointMassTask.ProgressScale * StartDistance,
        CopyTeacher: -0.14 + PointMassTask.ProgressScale * (StartDistance - TrapDistance / 2),
        Notes: "Start (0, 0), goal (±0.8, 0.8) with the trap at the other corner, radii 0.17, and the hint zone y <= -0.08; moves of at "
            + "most 0.1 per axis per step; step cost 0.02, goal +1, trap -1, horizon 50, and each step pays its progress "
            + "towards the goal disc (drop in distance to it), which telescopes to d_start - d_end, "
            + "d_start = 0.8 sqrt 2 - 0.17 = 0.9614 for every episode that reaches the goal. "
            + "Teacher: diagonal to the goal disc (0.68 per axis), 7 steps, 1 + 0.9614 - 0.14 = 1.8214. "
            + "Student: 1 step south into the hint zone, 8 to the goal disc, "
            + "1 + 0.9614 - 9 x 0.02 = 1.7814 (guessing a corner is worth at most 0.19). "
            + "Copy of the teacher: 7 steps to a random corner, half the goal (1 + 0.9614 - 0.14), half the trap entered at "
            + "(∓0.7, 0.7), sqrt 2.26 - 0.17 = 1.3333 from the goal disc (-1 + 0.9614 - 1.3333 - 0.14): 0.1547.");
}
