using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.Checkpoints;
using RobotPolicy.Trainer.Domains.TigerDoor;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;
using RobotPolicy.Trainer.Imitation;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Rl;

/// <summary>DAgger + PPO fine-tuning starts the student's PPO from the imitation student's policy files.</summary>
public class PolicyWarmStartTests
{
    private static (DaggerTrainer Imitation, string ModelJson) ImitationStudent(TemporaryDirectory dir)
    {
        var teacher = new PpoTrainer(new TigerDoorEnv(8), AgentKind.Teacher, new PpoConfig { NumEnvs = 8, RolloutSteps = 16, Minibatches = 2 }, seed: 1);
        teacher.Update(2);
        teacher.Update(2);
        var imitation = new DaggerTrainer(new TigerDoorEnv(8), teacher, new DaggerConfig { NumEnvs = 8, StepsPerIteration = 16, Iterations = 2 }, seed: 3);
        imitation.Iterate();
        imitation.Iterate();
        return (imitation, PolicyExport.Write(System.IO.Path.Combine(dir.Path, "policy"), imitation, "tigerdoor", 0.02, null));
    }

    [Fact]
    public void A_warm_started_student_acts_exactly_as_the_imitation_student_it_starts_from()
    {
        using var dir = new TemporaryDirectory();
        var (imitation, modelJson) = ImitationStudent(dir);
        var student = new PpoTrainer(new TigerDoorEnv(8), AgentKind.StudentRl, new PpoConfig { NumEnvs = 8, RolloutSteps = 16, Minibatches = 2 }, seed: 5);
        PolicyWarmStart.Load(PolicyWarmStart.Resolve(dir.Path), student);

        var generator = new Generator(9);
        var raw = torch.randn([32, student.ActorDim], generator: generator).ToFloats();
        var a = new float[raw.Length];
        var b = new float[raw.Length];
        imitation.Normalizer.Normalize(raw, a);
        student.ActorNormalizer.Normalize(raw, b);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], b[i], 4);
        }
        Assert.Equal(imitation.Student.Deterministic(TensorArrays.Rows(a, 32, student.ActorDim)), student.Model.Deterministic(TensorArrays.Rows(b, 32, student.ActorDim)));
        Assert.Equal(modelJson, PolicyWarmStart.Resolve(modelJson));
    }

    [Fact]
    public void A_policy_with_another_input_or_shape_is_refused_naming_the_file()
    {
        using var dir = new TemporaryDirectory();
        var (_, modelJson) = ImitationStudent(dir);
        var otherHistory = new PpoTrainer(new TigerDoorEnv(8), AgentKind.StudentRl, new PpoConfig { NumEnvs = 8, RolloutSteps = 16, Minibatches = 2, StudentHistory = 2 }, seed: 5);
        var error = Assert.Throws<ArgumentException>(() => PolicyWarmStart.Load(modelJson, otherHistory));
        Assert.Contains(modelJson, error.Message);
        Assert.Contains("--history", error.Message);

        var otherWidth = new PpoTrainer(new TigerDoorEnv(8), AgentKind.StudentRl, new PpoConfig { NumEnvs = 8, RolloutSteps = 16, Minibatches = 2, Hidden = [32] }, seed: 5);
        Assert.Contains("--hidden", Assert.Throws<ArgumentException>(() => PolicyWarmStart.Load(modelJson, otherWidth)).Message);

        var teacher = new PpoTrainer(new TigerDoorEnv(8), AgentKind.Teacher, new PpoConfig { NumEnvs = 8, RolloutSteps = 16, Minibatches = 2 }, seed: 5);
        Assert.Throws<ArgumentException>(() => PolicyWarmStart.Load(modelJson, teacher));
        Assert.Throws<FileNotFoundException>(() => PolicyWarmStart.Resolve(System.IO.Path.Combine(dir.Path, "nothing")));
    }
}
