using System.Text.Json;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Control;

/// <summary>
/// A cart-pole student trained and exported once for the end-to-end tests, as a user would: `train --agent aligned`
/// (100,000 steps: the student balances for the whole 500 steps) then `export`. About 20 s on the 2-core VM.
/// </summary>
public sealed class CartPoleStudentFixture : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public CartPoleStudentFixture()
    {
        string run = Path.Combine(_dir.Path, "run");
        var train = CliProcess.Run(TimeSpan.FromMinutes(5), "train", "--domain", "cartpole", "--agent", "aligned", "--steps", "100000", "--seed", "1", "--out", run);
        Assert.True(train.ExitCode == 0, train.Out + train.Err);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        TrainingStudentReturn = summary.RootElement.GetProperty("student_return").GetDouble();
        BundlePath = Path.Combine(_dir.Path, "cartpole.onnx");
        var export = CliProcess.Run("export", Path.Combine(run, "policy"), "--out", BundlePath);
        Assert.True(export.ExitCode == 0, export.Out + export.Err);
    }

    public string BundlePath { get; }

    /// <summary>The student's return in the trainer's own evaluation (200 deterministic episodes).</summary>
    public double TrainingStudentReturn { get; }

    public string Folder => _dir.Path;

    public void Dispose() => _dir.Dispose();
}
