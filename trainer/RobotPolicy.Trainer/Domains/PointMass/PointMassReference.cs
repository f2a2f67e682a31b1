namespace RobotPolicy.Trainer.Domains.PointMass;

/// <summary>
/// The point mass's reference returns, exact. Each axis moves at most 0.1 per step, so reaching a point takes
/// ceil(max(|dx|, |dy|) / 0.1) steps (a Chebyshev distance), and reaching a disc of radius r means reaching its
/// cheapest point. Every step costs 0.02, the goal pays +1, the trap -1.
/// <list type="bullet">
/// <item>Best teacher 0.86: straight along the diagonal to the goal disc. The nearest disc point is
/// 0.8 - 0.17 / sqrt 2 = 0.68 away per axis: 7 steps (6 reach only (0.6, 0.6), 0.28 from the goal). 1 - 7 x 0.02.</item>
/// <item>Best student 0.60: the beacon disc needs y ≤ -0.63 (7 steps down; 6 reach only -0.6); from there the goal disc
/// needs y ≥ 0.63, at least 1.26 more (13 steps; the 0.8 sideways fits in them). 20 steps: 1 - 20 x 0.02. Guessing a
/// corner is worth -0.14 and waiting -1.0, both worse.</item>
/// <item>Copy of the teacher -0.14: it heads for a corner without knowing which one: 7 steps, half the time the goal
/// and half the trap, 0.5 x 1 + 0.5 x (-1) - 7 x 0.02.</item>
/// </list>
/// </summary>
public static class PointMassReference
{
    public static DomainReturns Returns { get; } = new(
        BestTeacher: 0.86,
        BestStudent: 0.60,
        CopyTeacher: -0.14,
        Notes: "Start (0, 0), goal (±0.8, 0.8) with the trap at the other corner, beacon (0, -0.8), radii 0.17; moves of at "
            + "most 0.1 per axis per step; step cost 0.02, goal +1, trap -1, horizon 50. "
            + "Teacher: diagonal to the goal disc (0.68 per axis), 7 steps, 1 - 0.14 = 0.86. "
            + "Student: 7 steps down to y = -0.63 (beacon disc), 13 up to y = 0.63 (goal disc), 1 - 20 x 0.02 = 0.60. "
            + "Copy of the teacher: 7 steps to a random corner, 0.5 x 1 + 0.5 x (-1) - 0.14 = -0.14.");
}
