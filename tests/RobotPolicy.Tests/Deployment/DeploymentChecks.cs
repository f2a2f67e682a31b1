using System.Globalization;
using System.Text.Json;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Deployment;

/// <summary>
/// What every deployment build of robotpolicy-runtime must do, whatever it is: inspect the example bundle, step it
/// at 0 B per step in `bench infer`, compute the same actions as the test run's own x64 build for a fixed set of
/// observations (`evaluate --expect`, within 1e-5), and refuse an edited bundle in one line.
/// </summary>
internal static class DeploymentChecks
{
    public delegate ChildProcess.Result Runner(params string[] args);

    /// <summary>64 fixed stacked observations for the example bundle (144 values each), and the x64 build's actions for them.</summary>
    public static (string Observations, string Actions) Reference(TemporaryDirectory dir)
    {
        var (bundle, _) = Bundles.Example;
        var rng = new Random(3);
        string observations = dir.File("observations.csv");
        File.WriteAllLines(observations, Enumerable.Range(0, 64).Select(_ =>
            string.Join(',', Enumerable.Range(0, 144).Select(_ => ((float)(rng.NextDouble() * 6 - 3)).ToString("R", CultureInfo.InvariantCulture)))));
        string actions = dir.File("actions-x64.csv");
        var r = CliProcess.Run("evaluate", bundle, "--observations", observations, "--out", actions);
        Assert.True(r.ExitCode == 0, r.Err);
        return (observations, actions);
    }

    public static void Inspect(Runner run)
    {
        var (bundle, _) = Bundles.Example;
        var r = run("inspect", bundle);
        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        Assert.Contains("(over the model)", r.Out, StringComparison.Ordinal);
    }

    public static void BenchInfer(Runner run, int steps)
    {
        var (bundle, _) = Bundles.Example;
        var r = run("bench", "infer", bundle, "--steps", steps.ToString(CultureInfo.InvariantCulture), "--warmup", "100", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal("cpu", json.RootElement.GetProperty("provider").GetString());
        Assert.Equal(steps, json.RootElement.GetProperty("step").GetProperty("count").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("allocated_bytes_per_step").GetDouble());
    }

    public static void SameActionsAsX64(Runner run)
    {
        using var dir = new TemporaryDirectory();
        var (observations, actions) = Reference(dir);
        var (bundle, _) = Bundles.Example;
        var r = run("evaluate", bundle, "--observations", observations, "--expect", actions, "--tolerance", "1e-5");
        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        Assert.StartsWith("match: 64 rows, max |action - expected| = ", r.Out.Trim());
    }

    public static void RefusesAnEditedBundle(Runner run)
    {
        using var dir = new TemporaryDirectory();
        string edited = BundleTampering.WeightsIntoFloatData(dir.File("edited.onnx"), delta: 0.25f);
        var r = run("bench", "infer", edited, "--steps", "10");
        Assert.Equal(1, r.ExitCode);
        string line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {edited}: the bundle was modified after export: ", line);
    }

    /// <summary>Every line of a publish log that reports a warning (trim, AOT, compiler, NuGet).</summary>
    public static IReadOnlyList<string> Warnings(RuntimePublish.Published published) =>
        published.Log.Split('\n').Where(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()).Distinct().ToList();
}
