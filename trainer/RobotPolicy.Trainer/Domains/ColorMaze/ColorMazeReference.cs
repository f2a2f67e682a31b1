namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>
/// The color maze's reference returns, exact expectations over the path (Entry uniform on {4, 5, 6}, two fair
/// sideways steps; a = |Entry - 5|, b = |Exit - 5|, so E[a] = 2/3 and E[b] = 4/3). Rewards (see
/// <see cref="ColorMazeRules"/>): -0.05 per step, +1 per path cell on its first visit (7 cells, 7 in all), +10 at the
/// goal, -5 on a fail cell.
/// <list type="bullet">
/// <item>Best teacher 16.4: up to row 7, a steps to the entry, 7 moves across the band on the path, collecting all 7
/// bonuses (no shortcuts, see <see cref="ColorMazePath"/>), up to row 1, b steps back to column 5, up to the goal:
/// 10 + a + b moves, 12 on average. 10 + 7 - 0.05 x 12 = 16.4. No route does better: crossing the band on the path
/// is the only way to all 7 bonuses and takes at least those moves (at most 14); every route to the goal takes at least
/// 8 moves, so one that skips a bonus (1) saves at most 6 x 0.05 = 0.3 in step costs; never reaching the goal is worth
/// at most 7.</item>
/// <item>Best student 9.1: it cannot tell safe band cells from fail cells, and nothing it observes before entering
/// the band depends on the path, so its first step into the band survives with probability at most 1/3 (the entry
/// column) and at most 10 + 7 can follow: at most (1/3)(17) + (2/3)(-5) ≈ 2.33 for any policy that enters the band.
/// The detour is far better: 5 steps to column 0, 8 up, 5 back: 18 moves and no bonus, 10 - 0.05 x 18 = 9.1.</item>
/// <item>Copy of the teacher -1891/720 ≈ -2.626: it follows the teacher's route for an independently drawn path.
/// Wrong entry (2/3): dies on step 2 + a' (E = 8/3) with no bonus, -5 - 0.05 x 8/3. Right entry, wrong first turn
/// (1/6): 2 bonuses, dies on step a + 4, -5 + 2 - 0.05 x 14/3. Right until the second turn (1/12): 5 bonuses, dies on
/// step a + 7, -5 + 5 - 0.05 x 23/3. All right (1/12): the teacher's 16.4. Sum: -1891/720.</item>
/// </list>
/// </summary>
public static class ColorMazeReference
{
    public static DomainReturns Returns { get; } = new(
        BestTeacher: 16.4,
        BestStudent: 9.1,
        CopyTeacher: -1891.0 / 720.0,
        Notes: "11x9 grid, maze band rows 2-6 / columns 1-9 with one hidden safe path of 7 cells (entry column 4-6, two "
            + "random sideways steps); step cost 0.05, +1 per path cell on its first visit, goal +10, fail cell -5 (both "
            + "end the episode), horizon 60. "
            + "Teacher: 10 + |entry - 5| + |exit - 5| moves along the path, 12 on average, all 7 bonuses: "
            + "10 + 7 - 0.6 = 16.4. "
            + "Student: it cannot see which band cells are safe (entering the band is worth at most "
            + "(1/3)(17) + (2/3)(-5) = 2.33), so it detours around the band: 18 moves, no bonus, 10 - 0.9 = 9.1. "
            + "Copy of the teacher: the teacher's route for a guessed path survives only if entry and both turns are "
            + "guessed right (1/12): (2/3)(-5 - 0.05 x 8/3) + (1/6)(-3 - 0.05 x 14/3) + (1/12)(0 - 0.05 x 23/3) "
            + "+ (1/12)(16.4) = -1891/720 = -2.626.");
}
