using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.TigerDoor;

/// <summary>A batch of TigerDoor copies (see <see cref="TigerDoorRules"/> and <see cref="TigerDoorReference"/>).</summary>
public sealed class TigerDoorEnv(int numEnvs, StepParallelism? parallelism = null)
    : VectorEnv<TigerDoorRules, TigerDoorState>(numEnvs, parallelism);
