using RobotPolicy.Trainer.Engine;
using RobotPolicy.Trainer.Engine.Distributions;

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
        var teacherOut = model.Actor.forward(model.TeacherEmbedding(torch.from_array(teacherRows, rows, teacherRows.Length / rows)));
        var studentOut = model.Actor.forward(model.StudentEmbedding(torch.from_array(studentRows, rows, studentRows.Length / rows)));
        var kl = model.ActionSpace.Discrete
            ? new Categorical(teacherOut).kl(new Categorical(studentOut))
            : new Normal(teacherOut, model.LogStd!).kl(new Normal(studentOut, model.LogStd!));
        var values = kl.Span;
        for (int i = 0; i < rows; i++)
        {
            rewards[i] -= weight * values[i];
        }
    }
}
