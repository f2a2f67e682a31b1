using RobotPolicy.Trainer.Engine;

namespace RobotPolicy.Trainer.Rl;

/// <summary>One minibatch's alignment loss and what it says about the shared embedding.</summary>
/// <param name="Loss">The weighted loss to add to PPO's (InfoNCE and the positive pull, each side's gradient scaled as configured).</param>
/// <param name="InfoNce">The symmetric InfoNCE value (unweighted; computed even when its weight is 0, for the MI estimate).</param>
/// <param name="MutualInformation">The InfoNCE lower bound on I(z_T; z_S) in nats: log(batch) − InfoNCE.</param>
/// <param name="ActionDisagreement">How far the student's action head(z_S) is from the teacher's head(z_T): the fraction
/// of rows whose argmax differs (discrete), or the mean |Δ mean| in normalized action units (continuous).</param>
public readonly record struct AlignmentTerms(Tensor Loss, float InfoNce, float MutualInformation, float ActionDisagreement);

/// <summary>
/// The aligned method's alignment loss: InfoNCE between the teacher's and the student's embeddings of the same states
/// (positives on the diagonal, the rest of the minibatch as negatives) plus the direct positive-pair pull. Each
/// encoder's share of the gradient passes through its own named factor
/// (<see cref="AlignmentConfig.AlignGradIntoTeacherEncoder"/>, <see cref="AlignmentConfig.AlignGradIntoStudentEncoder"/>),
/// so the one-sided ablations are a setting, not a code path.
/// </summary>
public static class AlignmentObjective
{
    public static AlignmentTerms Compute(ActorCritic model, Tensor teacherInput, Tensor studentInput, AlignmentConfig config)
    {
        var zTeacher = model.TeacherEmbedding(teacherInput).scale_grad(config.AlignGradIntoTeacherEncoder);
        var zStudent = model.StudentEmbedding(studentInput).scale_grad(config.AlignGradIntoStudentEncoder);
        var infoNce = torch.nn.functional.info_nce(zTeacher, zStudent, config.Temperature);
        var pull = (zTeacher - zStudent).square().sum(-1).mean();
        var loss = (infoNce.mul(config.ContrastiveWeight) + pull.mul(config.PositivePull)).mul(config.Coefficient);
        float nce = infoNce.item();
        int batch = teacherInput.Shape[0];
        return new AlignmentTerms(loss, nce, (float)Math.Log(batch) - nce, Disagreement(model, zTeacher, zStudent));
    }

    private static float Disagreement(ActorCritic model, Tensor zTeacher, Tensor zStudent)
    {
        using var _ = torch.no_grad();
        var teacher = model.Actor.forward(zTeacher.detach());
        var student = model.Actor.forward(zStudent.detach());
        if (model.ActionSpace.Discrete)
        {
            var a = teacher.argmax(-1);
            var b = student.argmax(-1);
            int differ = 0;
            for (int i = 0; i < a.Length; i++)
            {
                differ += a[i] != b[i] ? 1 : 0;
            }
            return (float)differ / a.Length;
        }
        return (teacher - student).abs().mean().item();
    }
}
