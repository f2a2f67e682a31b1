using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Engine;
using F = RobotPolicy.Trainer.Engine.torch.nn.functional;

namespace RobotPolicy.Trainer.Imitation;

/// <summary>
/// What imitation minimizes: cross-entropy on the teacher's action (discrete), or squared error to the teacher's
/// mean action in the policy's normalized action space (continuous).
/// </summary>
public static class ImitationLoss
{
    public static Tensor Compute(Tensor studentOutput, float[] teacherLabels, ActionSpace space) => space.Discrete
        ? F.cross_entropy(studentOutput, teacherLabels.Select(v => (int)v).ToArray())
        : F.mse_loss(studentOutput, torch.tensor(teacherLabels, studentOutput.Shape[0], space.Dim));
}
