using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>A batch of MuJoCo arms (see <see cref="MuJoCoArmRules"/>), stepped in parallel across cores like every
/// domain; each copy holds its own model and simulation, so copies never share state.</summary>
public sealed class MuJoCoArmEnv : VectorEnv<MuJoCoArmRules, MuJoCoArmEnvState>
{
    /// <summary>
    /// A copy's step is ten MuJoCo steps, tens of microseconds (a toy domain's is tens of nanoseconds), so a few
    /// copies already pay for handing a chunk to another core.
    /// </summary>
    public static StepParallelism DefaultParallelism { get; } = new(MinEnvsPerChunk: 4, Environment.ProcessorCount);

    /// <exception cref="RobotPolicy.MuJoCo.MuJoCoUnavailableException">MuJoCo 2.2.2 is not installed.</exception>
    public MuJoCoArmEnv(int numEnvs, StepParallelism? parallelism = null)
        : base(numEnvs, parallelism ?? DefaultParallelism) => RobotPolicy.MuJoCo.MuJoCoLibrary.EnsureAvailable();
}
