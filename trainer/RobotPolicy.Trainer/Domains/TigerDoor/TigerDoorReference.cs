namespace RobotPolicy.Trainer.Domains.TigerDoor;

/// <summary>
/// TigerDoor's reference returns, exact (every quantity below is deterministic given the prize side):
/// <list type="bullet">
/// <item>Best teacher 0.7: it knows the side and walks 3 cells to the prize door: 1 - 3 x 0.1.</item>
/// <item>Best student 0.3: down 2 to the button, up 2, 3 to the revealed door: 7 steps, 1 - 7 x 0.1.
/// Guessing instead is worth at most -2.3 (below) and waiting out the horizon -2.0, so the button is optimal.</item>
/// <item>Copy of the teacher -2.3: the teacher's behaviour without its knowledge walks straight to a door, which
/// hides the tiger half the time: 0.5 x 1 + 0.5 x (-5) - 3 x 0.1.</item>
/// </list>
/// </summary>
public static class TigerDoorReference
{
    public static DomainReturns Returns { get; } = new(
        BestTeacher: 0.7,
        BestStudent: 0.3,
        CopyTeacher: -2.3,
        Notes: "Every step costs 0.1; prize door +1, tiger door -5 (both end the episode); horizon 20. "
            + "Teacher: 3 steps straight to the prize door, 1 - 0.3 = 0.7. "
            + "Student: 2 steps down to the button, 2 back, 3 to the revealed door, 1 - 0.7 = 0.3 "
            + "(guessing is worth -2.3 and waiting -2.0, both worse). "
            + "Copy of the teacher: straight to a door without knowing the side, 0.5 x 1 + 0.5 x (-5) - 0.3 = -2.3.");
}
