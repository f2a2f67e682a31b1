using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.PoisonedDoors;

/// <summary>A batch of PoisonedDoors copies (see <see cref="PoisonedDoorsRules"/> and <see cref="PoisonedDoorsReference"/>).</summary>
public sealed class PoisonedDoorsEnv(int numEnvs, StepParallelism? parallelism = null)
    : VectorEnv<PoisonedDoorsRules, PoisonedDoorsState>(numEnvs, parallelism);
