using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.PointMassPixels;

/// <summary>A batch of pixel point masses (see <see cref="PointMassPixelsRules"/>).</summary>
public sealed class PointMassPixelsEnv(int numEnvs, StepParallelism? parallelism = null)
    : VectorEnv<PointMassPixelsRules, PointMassPixelsState>(numEnvs, parallelism);
