using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace RobotPolicy.Trainer.Imitation;

/// <summary>
/// What imitation minimizes: cross-entropy on the teacher's action (discrete), or squared error to the teacher's
/// mean action in the policy's normalized action space (continuous).
/// </summary>
public static class ImitationLoss
{
    public static Tensor Compute(Tensor studentOutput, float[] teacherLabels, ActionSpace space) => space.Discrete
        ? F.cross_entropy(studentOutput, TensorArrays.Rows(teacherLabels).to(ScalarType.Int64))
        : F.mse_loss(studentOutput, TensorArrays.Rows(teacherLabels, studentOutput.shape[0], space.Dim));
}
