using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Trainer.Domains.CartPole;

/// <summary>A batch of cart-poles (see <see cref="CartPoleRules"/> and <see cref="CartPoleReference"/>). For one
/// simulated robot, use <see cref="CartPolePhysics"/>, <see cref="CartPoleSensor"/> and <see cref="CartPoleParameters"/>
/// directly.</summary>
public sealed class CartPoleEnv(int numEnvs, StepParallelism? parallelism = null)
    : VectorEnv<CartPoleRules, CartPoleEnvState>(numEnvs, parallelism);
