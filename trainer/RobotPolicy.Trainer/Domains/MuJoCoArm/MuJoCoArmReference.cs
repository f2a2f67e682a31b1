namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>
/// The arm's reference returns, measured (not analytic): scripted controllers over 200 episodes in the tests
/// (MuJoCoArmReferenceTests: inverse kinematics to the target, PD control with gravity compensation) and the best
/// trained policies so far (2,000,000 steps, seed 1, deterministic evaluation over 200 episodes).
/// <list type="bullet">
/// <item>Best teacher −6.6: the PPO teacher (−6.60), ahead of the scripted controller that knows the payload,
/// damping, strength and exact target (−7.66).</item>
/// <item>Best student −13.5: the DAgger student of that teacher (−13.54), ahead of PPO on the student's own view
/// (−14.96) and the scripted law on the student's sensors with mid-range physics (−15.38; with an integral term to
/// find the payload −15.92).</item>
/// <item>Copy of the teacher −15.4: the scripted teacher's law without the teacher's knowledge.</item>
/// </list>
/// What a student can infer from history: the payload, damping and strength (they show in how the arm answers
/// torque); what it cannot: the target's per-episode offset (3 cm std a coordinate), worth about 7.5 per episode.
/// </summary>
public static class MuJoCoArmReference
{
    public static DomainReturns Returns { get; } = new(
        BestTeacher: -6.6,
        BestStudent: -13.5,
        CopyTeacher: -15.4,
        Notes: "reward per step: minus the tip's distance to the target (m) minus 0.01 x the squared motor commands; "
            + "200 steps of 20 ms. Per episode: payload U[0.1, 1.5] kg, damping U[0.05, 1.0] N m s/rad, strength "
            + "U[0.7, 1.3]; the student reads noisy joints and sees the target with a fixed offset (std 3 cm). Measured, "
            + "not analytic: best teacher = the PPO teacher at 2M steps (-6.60; a scripted IK + PD + gravity-compensation "
            + "controller knowing everything: -7.66); best student = its DAgger student (-13.54; PPO on the student's view "
            + "-14.96); copy of the teacher = the scripted law on the student's sensors with mid-range physics (-15.38). "
            + "About 7.5 of the teacher's lead is the target offset, which history cannot show.");
}
