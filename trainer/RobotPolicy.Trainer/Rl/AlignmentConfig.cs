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
    /// <summary><see cref="AlignmentStyles"/>: this method (contrastive) or the SITT-style baseline.</summary>
    public string Style { get; set; } = AlignmentStyles.Contrastive;

    /// <summary>
    /// SITT-style: the teacher's reward is r − this × KL(π_T ‖ π_S) per step, and the same weight puts the KL's direct
    /// gradient into its policy loss. 0.3 was the best of 0.1, 0.3, 1 and 3 tried at 300k steps (docs/trainer.md, "Baselines").
    /// </summary>
    public float KlRewardWeight { get; set; } = 0.3f;

    /// <summary>SITT-style: weight of the L1 feature alignment mean |z_S − sg(z_T)|.</summary>
    public float FeatureAlignWeight { get; set; } = 1f;

    /// <summary>SITT-style: weight of the L1 action alignment mean |head(z_S) − sg(head(z_T))|.</summary>
    public float ActionAlignWeight { get; set; } = 1f;

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

    /// <summary>
    /// Weight of the head-consistency term: the policy head is trained to act on the student's embedding as it acts on
    /// the teacher's, mean ‖head(z_T) − head(z_S)‖² (log-probabilities for discrete actions) with both embeddings
    /// detached, so only the head learns from it (both outputs move towards each other; not scaled by
    /// <see cref="Coefficient"/>). Masking keeps the RL gradient from putting private information into
    /// z_T, but alignment removes what the teacher encoder's initialization carries only gradually, and PPO grows a
    /// head steep enough to read that residue (on the point mass: the goal side at the start, a shortcut worth 0.04).
    /// The teacher then leans on a signal the alignment keeps taking away, and collapsed on 2 of 9 seeds; with this
    /// term (weight 1) the residue moves no action.
    /// </summary>
    public float HeadConsistency { get; set; } = 1f;

    /// <summary>
    /// The encoders' Adam step size, held constant; null = the head's (and its schedule's). The head learns on the
    /// teacher's embedding, so each step of the alignment moves the ground under it.
    /// </summary>
    public float? EncoderLearningRate { get; set; }

    /// <summary>Gradient masking: the factor on the RL gradient flowing into the teacher encoder (0 = stop it).</summary>
    public float RlGradientIntoTeacherEncoder { get; set; }

    /// <summary>The factor on the alignment gradient into the teacher encoder (0 = only the student moves: one-sided ablation).</summary>
    public float AlignGradIntoTeacherEncoder { get; set; } = 1f;

    /// <summary>The factor on the alignment gradient into the student encoder (0 = only the teacher moves: one-sided ablation).</summary>
    public float AlignGradIntoStudentEncoder { get; set; } = 1f;
}

public static class AlignmentStyles
{
    /// <summary>This toolkit's method: InfoNCE + positive pull, RL gradient into the encoder masked.</summary>
    public const string Contrastive = "contrastive";

    /// <summary>
    /// The SITT-style baseline (Messikommer et al., ICLR 2025): the teacher is rewarded for staying imitable
    /// (−KL(π_T ‖ π_S) in its reward), the student is pulled to the teacher by L1 on features and actions through the
    /// shared head, and the RL gradient reaches the teacher encoder. SITT evaluates the KL with a proxy student on
    /// privileged input because its students see rendered images; here student observations are as cheap as the
    /// teacher's, so the proxy is the student itself.
    /// </summary>
    public const string Sitt = "sitt";

    public static readonly string[] All = [Contrastive, Sitt];
}
