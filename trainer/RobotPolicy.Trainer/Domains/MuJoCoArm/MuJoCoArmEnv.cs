using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.MuJoCoArm;

/// <summary>A batch of MuJoCo arms (see <see cref="MuJoCoArmRules"/>), stepped in parallel across cores like every
/// domain; each copy holds its own model and simulation, so copies never share state.</summary>
public sealed class MuJoCoArmEnv : VectorEnv<MuJoCoArmRules, MuJoCoArmEnvState>
{
    /// <exception cref="RobotPolicy.MuJoCo.MuJoCoUnavailableException">MuJoCo 2.2.2 is not installed.</exception>
    public MuJoCoArmEnv(int numEnvs, StepParallelism? parallelism = null)
        : base(numEnvs, parallelism) => RobotPolicy.MuJoCo.MuJoCoLibrary.EnsureAvailable();
}
