namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>
/// The arm's reference returns. Provisional: the reach and hold returns of scripted controllers (a teacher that
/// knows the payload, damping, strength and exact target; a student estimating what history shows) are still to be
/// measured, so these are bounds from the task's geometry, not achieved returns.
/// </summary>
public static class MuJoCoArmReference
{
    public static DomainReturns Returns { get; } = new(
        BestTeacher: 0,
        BestStudent: 0,
        CopyTeacher: null,
        Notes: "provisional upper bounds (0: the tip on the target from the first step); the measured references of "
            + "scripted controllers are not in yet. Reward per step: minus the tip's distance to the target (m) minus "
            + "0.01 × the squared motor commands; 200 steps of 20 ms. Per episode: payload U[0.1, 1.5] kg, damping "
            + "U[0.05, 1.0] N·m·s/rad, strength U[0.7, 1.3]; the student sees the target with a fixed offset of std 3 cm.");
}
