using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>
/// A torque-controlled two-link arm in MuJoCo (see <see cref="ArmModel"/>, <see cref="ArmTask"/>): bring the tip to a
/// target and hold it. Actions: the two motor commands in [-1, 1].
/// Teacher observation: joint angles and velocities, the exact target, payload mass, damping and strength.
/// Student frame: noisy joint angles and velocities and the target as seen, offset (<see cref="ArmSensor"/>).
/// </summary>
public struct MuJoCoArmRules : IDomainRules<MuJoCoArmEnvState>
{
    public const string Name = "mujoco-arm";

    public static DomainSpec Spec { get; } = new(
        Name,
        TeacherObsDim: 9,
        StudentObsTerms: [("joint_position", 2), ("joint_velocity", 2), ("target", 2)],
        ActionSpace.OfBox([-1f, -1f], [1f, 1f]),
        ArmTask.EpisodeHorizon,
        MuJoCoArmReference.Returns);

    public static void Reset(ref MuJoCoArmEnvState state, ref EnvRandom random)
    {
        state.Simulation ??= new ArmSimulation();
        state.Parameters = ArmParameters.Sample(ref random);
        (state.TargetX, state.TargetZ) = ArmTask.SampleTarget(ref random);
        state.TargetBias = ArmSensor.SampleTargetBias(ref random);
        var (shoulder, elbow, shoulderVelocity, elbowVelocity) = ArmTask.SampleStart(ref random);
        state.Simulation.Reset(state.Parameters, shoulder, elbow, shoulderVelocity, elbowVelocity);
        state.Reading = Read(state, ref random);
    }

    public static float Step(ref MuJoCoArmEnvState state, ReadOnlySpan<float> action, ref EnvRandom random, out bool terminated)
    {
        var sim = state.Simulation!;
        sim.Step(action);
        state.Reading = Read(state, ref random);
        terminated = false;
        var (x, z) = sim.Tip;
        return ArmTask.Reward(x, z, state.TargetX, state.TargetZ, action);
    }

    public static void WriteTeacherObs(in MuJoCoArmEnvState state, Span<float> destination)
    {
        var sim = state.Simulation!;
        destination[0] = (float)sim.Shoulder;
        destination[1] = (float)sim.Elbow;
        destination[2] = (float)sim.ShoulderVelocity;
        destination[3] = (float)sim.ElbowVelocity;
        destination[4] = (float)state.TargetX;
        destination[5] = (float)state.TargetZ;
        destination[6] = (float)state.Parameters.PayloadMass;
        destination[7] = (float)state.Parameters.Damping;
        destination[8] = (float)state.Parameters.Strength;
    }

    public static void WriteStudentObs(in MuJoCoArmEnvState state, Span<float> destination)
    {
        var r = state.Reading;
        destination[0] = (float)r.Shoulder;
        destination[1] = (float)r.Elbow;
        destination[2] = (float)r.ShoulderVelocity;
        destination[3] = (float)r.ElbowVelocity;
        destination[4] = (float)r.TargetX;
        destination[5] = (float)r.TargetZ;
    }

    private static ArmReading Read(in MuJoCoArmEnvState state, ref EnvRandom random)
    {
        var sim = state.Simulation!;
        return ArmSensor.Read(sim.Shoulder, sim.Elbow, sim.ShoulderVelocity, sim.ElbowVelocity, state.TargetX, state.TargetZ, state.TargetBias, ref random);
    }
}
