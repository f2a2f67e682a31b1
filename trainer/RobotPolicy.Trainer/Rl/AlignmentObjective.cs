using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.Rl;

/// <summary>One minibatch's alignment loss and what it says about the shared embedding.</summary>
/// <param name="Loss">The weighted loss to add to PPO's (InfoNCE and the positive pull, each side's gradient scaled as configured,
/// plus the head-consistency term).</param>
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
/// so the one-sided ablations are a setting, not a code path. Beside them, the head-consistency term
/// (<see cref="AlignmentConfig.HeadConsistency"/>, its own weight, not scaled by the alignment coefficient) reaches
/// the head only: it moves head(z_T) and head(z_S) towards each other, so the head cannot act on what the two
/// embeddings still disagree about.
/// </summary>
public static class AlignmentObjective
{
    public static AlignmentTerms Compute(ActorCritic model, Tensor teacherInput, Tensor studentInput, AlignmentConfig config)
    {
        if (config.Style == AlignmentStyles.Sitt)
        {
            return Sitt(model, teacherInput, studentInput, config);
        }
        var zTeacher = model.TeacherEmbedding(teacherInput).scale_grad(config.AlignGradIntoTeacherEncoder);
        var zStudent = model.StudentEmbedding(studentInput).scale_grad(config.AlignGradIntoStudentEncoder);
        var infoNce = ContrastiveLoss.info_nce(zTeacher, zStudent, config.Temperature);
        var gap = zTeacher - zStudent;
        var pull = (gap * gap).sum(-1).mean();
        var loss = (infoNce * Scalars.Keep(config.ContrastiveWeight)).Plus(pull * Scalars.Keep(config.PositivePull)) * Scalars.Keep(config.Coefficient);
        // The head runs once on each embedding, detached from the encoders: head consistency learns from these outputs
        // (when it has a weight; otherwise they are computed without a graph) and the logged disagreement reads them.
        bool consistency = config.HeadConsistency > 0;
        Tensor headOnTeacher, headOnStudent;
        using (consistency ? null : torch.no_grad())
        {
            headOnTeacher = model.Actor.forward(zTeacher.detach());
            headOnStudent = model.Actor.forward(zStudent.detach());
        }
        if (consistency)
        {
            loss = loss.Plus(HeadConsistency(model, headOnTeacher, headOnStudent) * Scalars.Keep(config.HeadConsistency));
        }
        float nce = infoNce.item<float>();
        long batch = teacherInput.shape[0];
        return new AlignmentTerms(loss, nce, (float)Math.Log(batch) - nce, Disagreement(model, headOnTeacher, headOnStudent));
    }

    // SITT-style: the student is pulled to the teacher (teacher side detached) by L1 on the features and on the shared
    // head's outputs (the head also learns from this term, towards acting on z_S as on z_T). InfoNCE is computed for
    // the logged MI estimate alone.
    private static AlignmentTerms Sitt(ActorCritic model, Tensor teacherInput, Tensor studentInput, AlignmentConfig config)
    {
        var zTeacher = model.TeacherEmbedding(teacherInput).detach();
        var zStudent = model.StudentEmbedding(studentInput);
        var teacherAction = model.Actor.forward(zTeacher).detach();
        var studentAction = model.Actor.forward(zStudent);
        var loss = ((zStudent - zTeacher).abs().mean() * Scalars.Keep(config.FeatureAlignWeight))
            .Plus((studentAction - teacherAction).abs().mean() * Scalars.Keep(config.ActionAlignWeight)) * Scalars.Keep(config.Coefficient);
        // The KL term of the teacher's objective also has a direct gradient (SITT's policy update carries it next
        // to the shaped reward): the teacher moves towards what the student does now.
        var teacherOutput = model.Actor.forward(model.TeacherEmbedding(teacherInput));
        var studentOutput = studentAction.detach();
        var kl = model.ActionSpace.Discrete
            ? ActionDistributions.CategoricalKl(teacherOutput, studentOutput)
            : ActionDistributions.GaussianKl(teacherOutput, model.LogStd!, studentOutput, model.LogStd!.detach());
        loss = loss.Plus(kl.mean() * Scalars.Keep(config.KlRewardWeight));
        float nce;
        using (torch.no_grad())
        {
            nce = ContrastiveLoss.info_nce(zTeacher, zStudent.detach(), config.Temperature).item<float>();
        }
        return new AlignmentTerms(loss, nce, (float)Math.Log(teacherInput.shape[0]) - nce, Disagreement(model, teacherAction, studentOutput));
    }

    // mean ‖head(z_T) − head(z_S)‖² over the batch, from the head's outputs on embeddings the caller detached: a
    // gradient for the head alone. Discrete heads compare log-probabilities (logits are only defined up to a constant
    // per row).
    private static Tensor HeadConsistency(ActorCritic model, Tensor teacher, Tensor student)
    {
        if (model.ActionSpace.Discrete)
        {
            teacher = teacher.log_softmax(-1);
            student = student.log_softmax(-1);
        }
        var gap = teacher - student;
        return (gap * gap).sum(-1).mean();
    }

    // From the head's outputs on z_T and z_S, which the callers already computed.
    private static float Disagreement(ActorCritic model, Tensor teacher, Tensor student)
    {
        using var _ = torch.no_grad();
        teacher = teacher.detach();
        student = student.detach();
        if (model.ActionSpace.Discrete)
        {
            return teacher.argmax(-1).ne(student.argmax(-1)).to(ScalarType.Float32).mean().item<float>();
        }
        return (teacher - student).abs().mean().item<float>();
    }
}
