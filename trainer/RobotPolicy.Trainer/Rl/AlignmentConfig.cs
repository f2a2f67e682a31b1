namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// The aligned teacher-student method: a teacher encoder (privileged observation) and a student encoder (stacked
/// student frames) map into one L2-normalized embedding; one policy head acts on it. PPO trains the head on the
/// teacher's embedding; an InfoNCE loss pulls the two embeddings of the same state together. The RL gradient into
/// the teacher encoder is scaled by <see cref="RlGradientIntoTeacherEncoder"/> (0 = stopped), so the embedding is
/// shaped by the alignment alone and carries only what the student can infer. Settable for checkpoint JSON.
/// </summary>
public sealed record AlignmentConfig
{
    public int EmbeddingDim { get; set; } = 32;

    public int[] EncoderHidden { get; set; } = [64];

    public float Temperature { get; set; } = 0.1f;

    /// <summary>Weight of the InfoNCE term inside the alignment loss (0 = the no-contrastive ablation).</summary>
    public float ContrastiveWeight { get; set; } = 1f;

    /// <summary>Weight of the alignment loss next to the PPO loss.</summary>
    public float Coefficient { get; set; } = 1f;

    /// <summary>
    /// Weight of the direct positive-pair term mean ‖z_T − z_S‖² added to InfoNCE. InfoNCE alone only
    /// discriminates: where the student's embeddings of different states are alike (it cannot tell them apart),
    /// every logit of a row is equal and the teacher encoder gets no gradient at all, so whatever private
    /// information its initialization happens to carry stays available to the head. The pull makes the teacher's
    /// embedding predictable from the student's, which is what hides that information.
    /// </summary>
    public float PositivePull { get; set; } = 0.3f;

    /// <summary>Gradient masking: the factor on the RL gradient flowing into the teacher encoder (0 = stop it).</summary>
    public float RlGradientIntoTeacherEncoder { get; set; }

    /// <summary>The factor on the alignment gradient into the teacher encoder (0 = only the student moves: one-sided ablation).</summary>
    public float AlignGradIntoTeacherEncoder { get; set; } = 1f;

    /// <summary>The factor on the alignment gradient into the student encoder (0 = only the teacher moves: one-sided ablation).</summary>
    public float AlignGradIntoStudentEncoder { get; set; } = 1f;
}
