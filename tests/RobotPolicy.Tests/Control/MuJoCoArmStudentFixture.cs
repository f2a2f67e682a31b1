using System.Text.Json;
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
        string run = Path.Combine(_dir.Path, "run");
        var train = CliProcess.Run(TimeSpan.FromMinutes(5), "train", "--domain", "mujoco-arm", "--agent", "aligned", "--steps", "60000", "--seed", "1", "--out", run);
        Assert.True(train.ExitCode == 0, train.Out + train.Err);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        TrainingStudentReturn = summary.RootElement.GetProperty("student_return").GetDouble();
        BundlePath = Path.Combine(_dir.Path, "arm.onnx");
        var export = CliProcess.Run("export", Path.Combine(run, "policy"), "--out", BundlePath);
        Assert.True(export.ExitCode == 0, export.Out + export.Err);
    }

    public string BundlePath { get; } = "";

    public double TrainingStudentReturn { get; }

    public string Folder => _dir.Path;

    public void Dispose() => _dir.Dispose();
}
