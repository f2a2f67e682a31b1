namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>
/// The color maze's reference returns, exact expectations over the path (Entry uniform on {4, 5, 6}, two fair
/// sideways steps; a = |Entry - 5|, b = |Exit - 5|, so E[a] = 2/3 and E[b] = 4/3).
/// <list type="bullet">
/// <item>Best teacher 7.6: up to row 7, a steps to the entry, 7 moves across the band (no shortcuts, see
/// <see cref="ColorMazePath"/>), up to row 1, b steps back to column 5, up to the goal: 10 + a + b moves, 12 on average
/// (no route is shorter: the band must be crossed on the path, which forces those sideways moves).
/// 10 - 0.2 x 12 = 7.6.</item>
/// <item>Best student 6.4: it cannot tell safe band cells from fail cells, and any step into the band survives with
/// probability at most 1/3 (the entry column), which is worth far less than the detour: 5 steps to column 0, 8 up, 5
/// back: 18 moves, 10 - 0.2 x 18 = 6.4.</item>
/// <item>Copy of the teacher -413/90 ≈ -4.589: it follows the teacher's route for an independently drawn path.
/// Wrong entry (2/3): dies on step 2 + a' (E = 8/3), -5 - 0.2 x 8/3. Right entry, wrong first turn (1/6): dies on step
/// a + 4, -5 - 0.2 x 14/3. Right until the second turn (1/12): dies on step a + 7, -5 - 0.2 x 23/3. All right (1/12):
/// the teacher's 7.6. Sum: -413/90.</item>
/// </list>
/// </summary>
public static class ColorMazeReference
{
    public static DomainReturns Returns { get; } = new(
        BestTeacher: 7.6,
        BestStudent: 6.4,
        CopyTeacher: -413.0 / 90.0,
        Notes: "11x9 grid, maze band rows 2-6 / columns 1-9 with one hidden safe path (entry column 4-6, two random "
            + "sideways steps); step cost 0.2, goal +10, fail cell -5 (both end the episode), horizon 60. "
            + "Teacher: 10 + |entry - 5| + |exit - 5| moves along the path, 12 on average, 10 - 2.4 = 7.6. "
            + "Student: it cannot see which band cells are safe (any band entry survives with p <= 1/3), so it detours "
            + "around the band: 18 moves, 10 - 3.6 = 6.4. "
            + "Copy of the teacher: the teacher's route for a guessed path survives only if entry and both turns are "
            + "guessed right (1/12): (2/3)(-5 - 0.2 x 8/3) + (1/6)(-5 - 0.2 x 14/3) + (1/12)(-5 - 0.2 x 23/3) + (1/12)(7.6) "
            + "= -413/90 = -4.589.");
}
