using RobotPolicy.Tests.Rl;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Alignment;

/// <summary>
/// The alignment loss's named stop-gradients (the one-sided and no-contrastive ablations are settings) and the
/// diagnostics logged with it: the InfoNCE mutual-information estimate and the teacher-student action disagreement.
/// </summary>
public class AlignmentObjectiveTests
{
    private const int TeacherInput = 5;
    private const int StudentInput = 3;
    private const int Batch = 16;

    private static ActorCritic Model(AlignmentConfig alignment, ActionSpace space) =>
        new(TeacherInput, 2, space, new PpoConfig { Hidden = [8], Alignment = alignment }, new Generator(3), alignedStudentInput: StudentInput);

    private static (Tensor Teacher, Tensor Student) Inputs()
    {
        var generator = new Generator(11);
        return (torch.randn([Batch, TeacherInput], generator: generator), torch.randn([Batch, StudentInput], generator: generator));
    }

    private static double GradientNorm(torch.nn.Module module) =>
        module.parameters().Sum(p => p.grad is { } g ? g.ToFloats().Sum(x => (double)x * x) : 0.0);

    [Theory]
    [InlineData(1f, 1f, true, true)]
    [InlineData(0f, 1f, false, true)]
    [InlineData(1f, 0f, true, false)]
    public void Each_encoder_gets_the_alignment_gradient_only_through_its_own_factor(float intoTeacher, float intoStudent, bool teacherMoves, bool studentMoves)
    {
        var config = new AlignmentConfig
        {
            EncoderHidden = [8], EmbeddingDim = 4, AlignGradIntoTeacherEncoder = intoTeacher, AlignGradIntoStudentEncoder = intoStudent, HeadConsistency = 0f,
        };
        var model = Model(config, ActionSpace.OfDiscrete(3));
        var (teacher, student) = Inputs();
        AlignmentObjective.Compute(model, teacher, student, config).Loss.backward();
        Assert.Equal(teacherMoves, GradientNorm(model.TeacherEncoder!) > 0);
        Assert.Equal(studentMoves, GradientNorm(model.StudentEncoder!) > 0);
        Assert.Equal(0, GradientNorm(model.Actor)); // without head consistency the head learns from PPO only
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Head_consistency_trains_the_head_alone_towards_acting_on_the_student_embedding_as_on_the_teacher_one(bool discrete)
    {
        var space = discrete ? ActionSpace.OfDiscrete(3) : ActionSpace.OfBox([-1f, -1f], [1f, 1f]);
        var without = new AlignmentConfig { EncoderHidden = [8], EmbeddingDim = 4, HeadConsistency = 0f };
        var with = without with { HeadConsistency = 2f };
        var (teacher, student) = Inputs();

        var plain = Model(without, space);
        var plainTerms = AlignmentObjective.Compute(plain, teacher, student, without);
        plainTerms.Loss.backward();
        var model = Model(with, space); // same seed: the same weights
        var terms = AlignmentObjective.Compute(model, teacher, student, with);
        terms.Loss.backward();

        var headOnTeacher = model.Actor.forward(model.TeacherEmbedding(teacher));
        var headOnStudent = model.Actor.forward(model.StudentEmbedding(student));
        if (discrete)
        {
            headOnTeacher = headOnTeacher.log_softmax(-1);
            headOnStudent = headOnStudent.log_softmax(-1);
        }
        var headGap = headOnTeacher - headOnStudent;
        float consistency = (headGap * headGap).sum(-1).mean().item<float>();
        Assert.True(consistency > 0);
        Assert.Equal(plainTerms.Loss.item<float>() + 2f * consistency, terms.Loss.item<float>(), 4);
        Assert.True(GradientNorm(model.Actor) > 0);
        // The embeddings are detached in this term: the encoders' gradients are the alignment's alone.
        Assert.Equal(Gradients(plain.TeacherEncoder!), Gradients(model.TeacherEncoder!));
        Assert.Equal(Gradients(plain.StudentEncoder!), Gradients(model.StudentEncoder!));
    }

    private static float[] Gradients(torch.nn.Module module) => module.parameters().SelectMany(p => p.grad!.ToFloats()).ToArray();

    [Fact]
    public void Without_the_contrastive_term_only_the_positive_pull_is_left()
    {
        var config = new AlignmentConfig { EncoderHidden = [8], EmbeddingDim = 4, ContrastiveWeight = 0f, PositivePull = 0.5f, HeadConsistency = 0f };
        var model = Model(config, ActionSpace.OfDiscrete(3));
        var (teacher, student) = Inputs();
        var terms = AlignmentObjective.Compute(model, teacher, student, config);
        var gap = model.TeacherEmbedding(teacher) - model.StudentEmbedding(student);
        float pull = (gap * gap).sum(-1).mean().item<float>();
        Assert.Equal(0.5f * pull, terms.Loss.item<float>(), 5);
        Assert.True(terms.InfoNce > 0); // still computed, for the MI estimate
    }

    [Fact]
    public void The_mutual_information_estimate_is_log_batch_minus_info_nce_and_approaches_log_batch_for_matched_embeddings()
    {
        var config = new AlignmentConfig { EncoderHidden = [8], EmbeddingDim = 4, Temperature = 0.05f };
        var model = Model(config, ActionSpace.OfDiscrete(3));
        var (teacher, student) = Inputs();
        var random = AlignmentObjective.Compute(model, teacher, student, config);
        Assert.Equal(Math.Log(Batch) - random.InfoNce, random.MutualInformation, 5);
        Assert.True(random.MutualInformation < Math.Log(Batch));

        // Identical encoders on identical inputs: every positive pair is exact, so InfoNCE is near its minimum.
        var same = new AlignmentConfig { EncoderHidden = [], EmbeddingDim = StudentInput, Temperature = 0.01f };
        var twin = new ActorCritic(StudentInput, 2, ActionSpace.OfDiscrete(3), new PpoConfig { Hidden = [8], Alignment = same }, new Generator(3), alignedStudentInput: StudentInput);
        CopyParameters(twin.TeacherEncoder!, twin.StudentEncoder!);
        var matched = AlignmentObjective.Compute(twin, student, student, same);
        Assert.True(matched.MutualInformation > random.MutualInformation);
        Assert.True(matched.ActionDisagreement == 0f, $"disagreement {matched.ActionDisagreement}");
    }

    [Fact]
    public void Disagreement_is_a_fraction_of_rows_for_discrete_actions_and_a_mean_distance_for_continuous_ones()
    {
        var config = new AlignmentConfig { EncoderHidden = [8], EmbeddingDim = 4 };
        var (teacher, student) = Inputs();
        var discrete = AlignmentObjective.Compute(Model(config, ActionSpace.OfDiscrete(3)), teacher, student, config);
        Assert.InRange(discrete.ActionDisagreement, 0f, 1f);
        Assert.Equal(0f, discrete.ActionDisagreement * Batch % 1f, 4);
        var continuous = AlignmentObjective.Compute(Model(config, ActionSpace.OfBox([-1f, -1f], [1f, 1f])), teacher, student, config);
        Assert.True(continuous.ActionDisagreement is > 0f and < 2f, $"disagreement {continuous.ActionDisagreement}");
    }

    [Fact]
    public void An_aligned_update_logs_its_info_nce_estimate_and_disagreement()
    {
        var config = new PpoConfig
        {
            NumEnvs = 8, RolloutSteps = 16, Minibatches = 2, Hidden = [16], StudentHistory = 2,
            Alignment = new AlignmentConfig { EncoderHidden = [16] },
        };
        var trainer = new PpoTrainer(new ContextBandit(8), AgentKind.Teacher, config, seed: 4);
        var metrics = trainer.Update(1);
        Assert.True(double.IsFinite(metrics.AlignmentLoss));
        Assert.Equal(Math.Log(config.MinibatchSize) - metrics.AlignmentLoss, metrics.MutualInformation, 4);
        Assert.InRange(metrics.ActionDisagreement, 0.0, 1.0);

        var plain = new PpoTrainer(new ContextBandit(8), AgentKind.Teacher, config with { Alignment = null }, seed: 4).Update(1);
        Assert.True(double.IsNaN(plain.MutualInformation) && double.IsNaN(plain.ActionDisagreement));
    }

    private static void CopyParameters(torch.nn.Module from, torch.nn.Module to)
    {
        var source = from.parameters().ToList();
        var target = to.parameters().ToList();
        for (int i = 0; i < source.Count; i++)
        {
            target[i].Assign(source[i].ToFloats());
        }
    }
}
