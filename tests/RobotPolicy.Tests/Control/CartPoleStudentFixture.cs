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
        (BundlePath, TrainingStudentReturn) = TrainedStudent.TrainAndExport("cartpole", 100_000, _dir.Path, "cartpole.onnx");
    }

    public string BundlePath { get; }

    /// <summary>The student's return in the trainer's own evaluation (200 deterministic episodes).</summary>
    public double TrainingStudentReturn { get; }

    public string Folder => _dir.Path;

    public void Dispose() => _dir.Dispose();
}
