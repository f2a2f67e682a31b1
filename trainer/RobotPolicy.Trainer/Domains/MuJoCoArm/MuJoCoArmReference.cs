namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>
/// The arm's reference returns, measured (not analytic) with scripted controllers over 200 episodes in the tests
/// (MuJoCoArmReferenceTests): inverse kinematics to the target, PD control with gravity compensation.
/// <list type="bullet">
/// <item>Best teacher −7.7: the controller knowing the payload, damping, strength and exact target (−7.66).</item>
/// <item>Best student −15.4: the same law on the student's sensors with mid-range physics (−15.38; adding an
/// integral term to find the payload's and strength's effect gave −15.92, no better).</item>
/// <item>Copy of the teacher −15.4: that same law, the teacher's behaviour without its knowledge.</item>
/// </list>
/// What a student can infer from history: the payload, damping and strength (they show in how the arm answers
/// torque; a stiff PD loop leaves them little to cost); what it cannot: the target's per-episode offset (3 cm std a
/// coordinate), about 7.5 of the 7.7 between teacher and student. Provisional in one way: a learned student might
/// beat these scripted ones.
/// </summary>
public static class MuJoCoArmReference
{
    public static DomainReturns Returns { get; } = new(
        BestTeacher: -7.7,
        BestStudent: -15.4,
        CopyTeacher: -15.4,
        Notes: "reward per step: minus the tip's distance to the target (m) minus 0.01 x the squared motor commands; "
            + "200 steps of 20 ms. Per episode: payload U[0.1, 1.5] kg, damping U[0.05, 1.0] N m s/rad, strength "
            + "U[0.7, 1.3]; the student reads noisy joints and sees the target with a fixed offset (std 3 cm). Measured "
            + "with scripted IK + PD + gravity-compensation controllers over 200 episodes: the teacher knowing "
            + "everything -7.66; the same law on the student's sensors with mid-range physics -15.38 (copy of the "
            + "teacher and best student); nearly all the difference is the target offset, which history cannot show.");
}
