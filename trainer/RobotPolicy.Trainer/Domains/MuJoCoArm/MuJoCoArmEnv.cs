using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>A batch of MuJoCo arms (see <see cref="MuJoCoArmRules"/>), stepped in parallel across cores like every
/// domain; each copy holds its own model and simulation, so copies never share state.</summary>
public sealed class MuJoCoArmEnv : VectorEnv<MuJoCoArmRules, MuJoCoArmEnvState>, IDampingMode
{
    /// <summary>The motor drivers' damping mode, N·m·s/rad per joint, on top of the joints' own: the arm sinks under
    /// gravity at under 1 rad/s and comes to rest hanging. It is added to MuJoCo's joint damping, which the
    /// integrator treats implicitly, since a damping torque computed once per 20 ms control period would itself
    /// oscillate on the light forearm.</summary>
    public static readonly double[] DriverDamping = [30, 15];

    /// <summary>
    /// A copy's step is ten MuJoCo steps, tens of microseconds (a toy domain's is tens of nanoseconds), so a few
    /// copies already pay for handing a chunk to another core.
    /// </summary>
    public static StepParallelism DefaultParallelism { get; } = new(MinEnvsPerChunk: 4, Environment.ProcessorCount);

    /// <exception cref="RobotPolicy.MuJoCo.MuJoCoUnavailableException">MuJoCo 2.2.2 is not installed.</exception>
    public MuJoCoArmEnv(int numEnvs, StepParallelism? parallelism = null)
        : base(numEnvs, parallelism ?? DefaultParallelism) => RobotPolicy.MuJoCo.MuJoCoLibrary.EnsureAvailable();

    public void SetDamping(int env, bool damping) => StateOf(env).Simulation?.SetDriverDamping(damping ? DriverDamping : null);
}
