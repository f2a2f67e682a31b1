using RobotPolicy.Tests.Rl;
using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Alignment;

/// <summary>The SITT-style baseline: the teacher is paid for imitability, the student is pulled to the teacher by L1.</summary>
public class SittBaselineTests
{
    private static AlignmentConfig Sitt(float klWeight = 0.5f) => new()
    {
        Style = AlignmentStyles.Sitt, EncoderHidden = [8], EmbeddingDim = 4, KlRewardWeight = klWeight, RlGradientIntoTeacherEncoder = 1f,
    };

    private static ActorCritic Model(AlignmentConfig config) =>
        new(5, 2, ActionSpace.OfDiscrete(3), new PpoConfig { Hidden = [8], Alignment = config }, new Generator(3), alignedStudentInput: 3);

    private static double GradientNorm(torch.nn.Module module) =>
        module.parameters().Sum(p => p.grad is { } g ? g.ToFloats().Sum(x => (double)x * x) : 0.0);

    [Fact]
    public void The_reward_drops_by_the_weighted_kl_between_teacher_and_student()
    {
        var model = Model(Sitt());
        var generator = new Generator(4);
        var teacher = torch.randn([6, 5], generator: generator).ToFloats();
        var student = torch.randn([6, 3], generator: generator).ToFloats();
        var rewards = new float[] { 1, 1, 1, 1, 1, 1 };
        SittRewardShaping.Apply(model, teacher, student, 6, 0.5f, rewards);
        using var _ = torch.no_grad();
        var kl = ActionDistributions.CategoricalKl(model.Actor.forward(model.TeacherEmbedding(TensorArrays.Rows(teacher, 6, 5))),
            model.Actor.forward(model.StudentEmbedding(TensorArrays.Rows(student, 6, 3)))).ToFloats();
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(1f - 0.5f * kl[i], rewards[i], 5);
            Assert.True(kl[i] >= 0);
        }
        var untouched = new float[] { 1, 1, 1, 1, 1, 1 };
        SittRewardShaping.Apply(model, teacher, student, 6, 0f, untouched);
        Assert.All(untouched, r => Assert.Equal(1f, r));
    }

    [Fact]
    public void The_student_moves_towards_the_teacher_and_the_teacher_only_through_the_kl_term()
    {
        var generator = new Generator(5);
        var teacherInput = torch.randn([8, 5], generator: generator);
        var studentInput = torch.randn([8, 3], generator: generator);

        var withKl = Model(Sitt(klWeight: 0.5f));
        AlignmentObjective.Compute(withKl, teacherInput, studentInput, Sitt(klWeight: 0.5f)).Loss.backward();
        Assert.True(GradientNorm(withKl.StudentEncoder!) > 0);
        Assert.True(GradientNorm(withKl.TeacherEncoder!) > 0);

        var withoutKl = Model(Sitt(klWeight: 0f));
        AlignmentObjective.Compute(withoutKl, teacherInput, studentInput, Sitt(klWeight: 0f)).Loss.backward();
        Assert.True(GradientNorm(withoutKl.StudentEncoder!) > 0);
        Assert.Equal(0, GradientNorm(withoutKl.TeacherEncoder!)); // L1 alignment detaches the teacher side
    }

    [Fact]
    public void Train_agent_sitt_records_its_method_and_skips_the_closing_imitation_unless_asked()
    {
        using var dir = new TemporaryDirectory();
        var result = CliProcess.Run("train", "--domain", "tigerdoor", "--agent", "sitt", "--steps", "8192", "--eval-episodes", "16", "--out", dir.Path);
        Assert.True(result.ExitCode == 0, result.Out + result.Err);
        string summary = File.ReadAllText(System.IO.Path.Combine(dir.Path, "summary.json"));
        Assert.Contains("\"agent\": \"sitt\"", summary);
        Assert.Contains("\"imitation\": null", summary);
        Assert.Contains("\"method\": \"sitt\"", File.ReadAllText(System.IO.Path.Combine(dir.Path, "policy", "model.json")));
    }
}
