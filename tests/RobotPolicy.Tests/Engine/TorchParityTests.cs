using System.Text.Json.Nodes;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Engine;

/// <summary>
/// The engine's gradients against PyTorch (Debian python3-torch, float64) on random graphs and on the PPO and
/// InfoNCE losses: they must agree to 1e-4, relative to the largest gradient of each input.
/// </summary>
public class TorchParityTests
{
    private const double Tolerance = 1e-4;

    [OracleFact("torch", "python3-torch")]
    public void Gradients_match_pytorch()
    {
        var cases = Enumerable.Range(1, 40).Select(ParityCases.RandomGraph)
            .Append(ParityCases.PpoDiscrete(5)).Append(ParityCases.PpoGaussian(6)).Append(ParityCases.InfoNce(7)).Append(ParityCases.Sweep(8))
            .ToList();
        string script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Oracles", "torch_parity.py"));
        var input = new JsonArray(cases.Select(c => (JsonNode)c.ToJson()).ToArray());
        var (code, stdout, stderr) = PythonOracle.Run(script, [], input.ToJsonString());
        Assert.True(code == 0, $"torch oracle failed: {stderr}");
        var expected = JsonNode.Parse(stdout)!.AsObject();

        var failures = new List<string>();
        foreach (var c in cases)
        {
            var (loss, grads) = c.RunInEngine();
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
