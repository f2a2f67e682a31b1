using System.Text.Json.Nodes;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Rl.Parity;

/// <summary>
/// The trainer's losses on TorchSharp against PyTorch (Debian python3-torch, float64): PPO (categorical and
/// Gaussian, through a linear layer: one minibatch's gradient), InfoNCE with a gradient-scaled side, and the
/// imitation and KL losses. They must agree to 1e-4, relative to the largest gradient of each input.
/// </summary>
public class LossParityTests
{
    private const double Tolerance = 1e-4;

    [OracleFact("torch", "python3-torch")]
    public void Loss_gradients_match_pytorch()
    {
        var cases = new[] { ParityCases.PpoDiscrete(5), ParityCases.PpoGaussian(6), ParityCases.InfoNce(7), ParityCases.Sweep(8) };
        string script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Oracles", "torch_parity.py"));
        var input = new JsonArray(cases.Select(c => (JsonNode)c.ToJson()).ToArray());
        var (code, stdout, stderr) = PythonOracle.Run(script, [], input.ToJsonString());
        Assert.True(code == 0, $"torch oracle failed: {stderr}");
        var expected = JsonNode.Parse(stdout)!.AsObject();

        var failures = new List<string>();
        foreach (var c in cases)
        {
            var (loss, grads) = c.RunInTrainer();
            var oracle = expected[c.Name]!;
            double torchLoss = oracle["loss"]!.GetValue<double>();
            if (Math.Abs(loss - torchLoss) > Tolerance * Math.Max(1, Math.Abs(torchLoss)))
            {
                failures.Add($"{c.Name}: loss {loss} vs torch {torchLoss}");
            }
            foreach (var (name, ours) in grads)
            {
                var theirs = oracle["grads"]![name]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                double scale = Math.Max(theirs.Max(Math.Abs), 1e-6);
                double worst = ours.Select((v, i) => Math.Abs(v - theirs[i])).Max();
                if (worst / scale > Tolerance)
                {
                    failures.Add($"{c.Name}: d/d{name} differs by {worst / scale:E2} relative (max |grad| {scale:G4})");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
