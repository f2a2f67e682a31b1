using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Control;

/// <summary>A MuJoCo arm student, trained briefly by `train --agent aligned` and exported, shared by the deployment tests.</summary>
public sealed class MuJoCoArmStudentFixture : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public MuJoCoArmStudentFixture()
    {
        if (MuJoCoFactAttribute.WhyUnavailable() is not null)
        {
            return; // the tests are skipped, with the reason
        }
        (BundlePath, TrainingStudentReturn) = TrainedStudent.TrainAndExport("mujoco-arm", 60_000, _dir.Path, "arm.onnx");
    }

    public string BundlePath { get; } = "";

    public double TrainingStudentReturn { get; }

    public string Folder => _dir.Path;

    public void Dispose() => _dir.Dispose();
}
