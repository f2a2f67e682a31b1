using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.ColorMaze;

/// <summary>A batch of color mazes (see <see cref="ColorMazeRules"/> and <see cref="ColorMazeReference"/>).</summary>
public sealed class ColorMazeEnv(int numEnvs, StepParallelism? parallelism = null)
    : VectorEnv<ColorMazeRules, ColorMazeState>(numEnvs, parallelism);
