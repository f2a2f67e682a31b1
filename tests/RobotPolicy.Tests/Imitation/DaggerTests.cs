using RobotPolicy.Tests.Rl;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Imitation;

/// <summary>Imitating a privileged teacher: no gap where the student can see what the teacher uses, a gap where it cannot.</summary>
public class DaggerTests
{
    private static readonly PpoConfig TeacherConfig = new() { NumEnvs = 16, RolloutSteps = 32, Minibatches = 4, Hidden = [32, 32], LearningRate = 3e-3 };
    private static readonly DaggerConfig Imitation = new() { NumEnvs = 16, StepsPerIteration = 32, Iterations = 6, Hidden = [32, 32], StudentHistory = 2, MinibatchSize = 128 };

    private static PpoTrainer Teacher(Func<int, Trainer.Domains.IVectorEnv> make, int updates)
    {
        var teacher = new PpoTrainer(make(16), AgentKind.Teacher, TeacherConfig, seed: 3);
        for (int u = 0; u < updates; u++)
        {
            teacher.Update(updates);
        }
        return teacher;
    }

    private static (double Teacher, double Student, DaggerIterationMetrics Last) Distill(Func<int, Trainer.Domains.IVectorEnv> make, int teacherUpdates)
    {
        var teacher = Teacher(make, teacherUpdates);
        var dagger = new DaggerTrainer(make(16), teacher, Imitation, seed: 5);
        DaggerIterationMetrics last = null!;
        for (int i = 0; i < Imitation.Iterations; i++)
        {
            last = dagger.Iterate();
        }
        return (teacher.Evaluate(make(16), 128, 9), dagger.Evaluate(make(16), 128, 9), last);
    }

    [Fact]
    public void Student_that_sees_what_the_teacher_uses_matches_it()
    {
        var (teacher, student, last) = Distill(n => new TargetTracking(n), 60);
        Assert.True(teacher > -0.3, $"teacher {teacher}");
        Assert.True(student > teacher - 0.3, $"student {student} vs teacher {teacher}");
        Assert.True(last.TeacherAgreement > 0.9f, $"agreement {last.TeacherAgreement}");
        Assert.False(last.TeacherDrove);
    }

    [Fact]
    public void Student_without_the_teachers_information_keeps_an_imitation_gap()
    {
        var (teacher, student, _) = Distill(n => new ContextBandit(n), 40);
        Assert.True(teacher >= 7.6, $"teacher {teacher} of 8");
        Assert.InRange(student, 2.5, 5.5);   // chance is 4: the student copies actions it cannot ground
    }

    [Fact]
    public void Only_a_teacher_can_be_imitated()
    {
        var student = new PpoTrainer(new ContextBandit(16), AgentKind.StudentRl, TeacherConfig, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => new DaggerTrainer(new ContextBandit(16), student, Imitation, 1));
        Assert.Contains("must be a teacher", e.Message);
    }
}
