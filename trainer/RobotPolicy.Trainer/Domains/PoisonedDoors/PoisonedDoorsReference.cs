namespace RobotPolicy.Trainer.Domains.PoisonedDoors;

/// <summary>
/// PoisonedDoors' reference returns, exact:
/// <list type="bullet">
/// <item>Best teacher +2: it opens the good door on the first step.</item>
/// <item>Best student +1: without the good door, any door is worth (2 - 2 - 2) / 3 = -2/3 in expectation, so it
/// types the fixed code (10 right digits) for the locked door's +1.</item>
/// <item>Copy of the teacher -2/3: the teacher never types the code; imitating it without its knowledge opens a
/// uniformly random one of the three doors, (2 - 2 - 2) / 3.</item>
/// </list>
/// </summary>
public static class PoisonedDoorsReference
{
    public static DomainReturns Returns { get; } = new(
        BestTeacher: 2.0,
        BestStudent: 1.0,
        CopyTeacher: -2.0 / 3.0,
        Notes: "First step: open door 0-2 (+2 for the hidden good door, -2 for the others, episode ends) or start the code "
            + "(action 3); then 10 fixed digits (2011202101), each right one pays 0.1 (+1 for all ten), a wrong one ends the episode. "
            + "Teacher: opens the good door, +2. Student: a blind door is worth (2 - 2 - 2) / 3 = -0.67, so it types the "
            + "code, +1. Copy of the teacher: a uniformly random door, (2 - 2 - 2) / 3 = -0.67.");
}
