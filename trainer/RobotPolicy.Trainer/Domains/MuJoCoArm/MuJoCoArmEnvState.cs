namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>One copy of the arm domain: its MuJoCo simulation (made at the first reset), this episode's physics,
/// target and the student's target offset, and the latest sensor reading.</summary>
public struct MuJoCoArmEnvState
{
    public ArmSimulation? Simulation;
    public ArmParameters Parameters;
    public double TargetX;
    public double TargetZ;
    public (double X, double Z) TargetBias;
    public ArmReading Reading;
}
