using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;

namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// SITT-style reward shaping: each step's reward becomes r − w·KL(π_T(·|s) ‖ π_S(·|o)), so the teacher is paid for
/// behaviour its student can follow. Applied to the rewards PPO learns from, after the episode returns were recorded:
/// the reported returns stay the environment's.
/// </summary>
internal static class SittRewardShaping
{
    public static void Apply(ActorCritic model, float[] teacherRows, float[] studentRows, int rows, float weight, Span<float> rewards)
    {
        if (weight == 0f)
        {
            return;
        }
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var teacherOut = model.Actor.forward(model.TeacherEmbedding(TensorArrays.Rows(teacherRows, rows, teacherRows.Length / rows)));
        var studentOut = model.Actor.forward(model.StudentEmbedding(TensorArrays.Rows(studentRows, rows, studentRows.Length / rows)));
        var kl = model.ActionSpace.Discrete
            ? ActionDistributions.CategoricalKl(teacherOut, studentOut)
            : ActionDistributions.GaussianKl(teacherOut, model.LogStd!, studentOut, model.LogStd!);
        var values = kl.ToFloats();
        for (int i = 0; i < rows; i++)
        {
            rewards[i] -= weight * values[i];
        }
    }
}
