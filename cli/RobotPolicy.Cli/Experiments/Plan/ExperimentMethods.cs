using RobotPolicy.Trainer.Checkpoints;

namespace RobotPolicy.Cli.Experiments.Plan;

/// <summary>
/// The method table: every method an experiment can run, in the order tables and charts list them. Adding a
/// method (or an ablation: set AblationOf) is adding a row here and naming it in a suite.
/// </summary>
internal static class ExperimentMethods
{
    public const string Teacher = "teacher";
    public const string StudentRl = "student-rl";
    public const string Bc = "bc";
    public const string Dagger = "dagger";
    public const string Aligned = "aligned";
    public const string AlignedNoMasking = "aligned-no-masking";
    public const string AlignedNoContrastive = "aligned-no-contrastive";
    public const string AlignedStudentSideOnly = "aligned-student-side-only";
    public const string AlignedTeacherSideOnly = "aligned-teacher-side-only";
    public const string AlignedNoImitation = "aligned-no-imitation";
    public const string AlignedNoHeadConsistency = "aligned-no-head-consistency";
    public const string DaggerPpo = "dagger-ppo";
    public const string Sitt = "sitt";

    public static IReadOnlyList<ExperimentMethod> All { get; } =
    [
        new(Teacher, "Teacher (PPO, privileged)", new TrainRun(AgentNames.Teacher)),
        new(StudentRl, "Student RL (PPO, own view)", new TrainRun(AgentNames.StudentRl)),
        new(Bc, "BC from the teacher", new ImitateRun("bc", Teacher)),
        new(Dagger, "DAgger from the teacher", new ImitateRun("dagger", Teacher)),
        new(Aligned, "Aligned teacher and student", new TrainRun(AgentNames.Aligned)),
        new(DaggerPpo, "DAgger, then PPO fine-tuning", new FineTuneRun(Dagger)),
        new(Sitt, "SITT-style (KL-shaped teacher, L1 alignment)", new TrainRun(AgentNames.Sitt)),
        new(AlignedNoMasking, "Aligned, RL gradient into the teacher encoder (no masking)",
            new TrainRun(AgentNames.Aligned, "--rl-grad-into-encoder", "1"), AblationOf: Aligned),
        new(AlignedNoContrastive, "Aligned, no InfoNCE (positive pull only)",
            new TrainRun(AgentNames.Aligned, "--contrastive-weight", "0"), AblationOf: Aligned),
        new(AlignedStudentSideOnly, "Aligned, alignment moves the student encoder only",
            new TrainRun(AgentNames.Aligned, "--align-grad-into-teacher", "0"), AblationOf: Aligned),
        new(AlignedTeacherSideOnly, "Aligned, alignment moves the teacher encoder only",
            new TrainRun(AgentNames.Aligned, "--align-grad-into-student", "0"), AblationOf: Aligned),
        new(AlignedNoImitation, "Aligned, no closing imitation phase",
            new TrainRun(AgentNames.Aligned, "--imitation", "none"), AblationOf: Aligned),
        new(AlignedNoHeadConsistency, "Aligned, no head-consistency term",
            new TrainRun(AgentNames.Aligned, "--head-consistency", "0"), AblationOf: Aligned),
    ];

    public static ExperimentMethod Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"no method '{name}' in the method table", nameof(name));
}
