using System.Xml.Linq;
using RobotPolicy.Control.Telemetry;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>The README's first command, end to end, on a smaller budget (the default trains 200,000 steps).</summary>
public class DemoCommandTests
{
    // The console wraps long lines (at 80 columns without a terminal): compare with whitespace runs as one space.
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Fact]
    public void The_demo_trains_exports_deploys_and_reports()
    {
        using var dir = new TemporaryDirectory();
        var demo = CliProcess.Run(TimeSpan.FromMinutes(6), "demo", "--out", dir.Path, "--steps", "100000", "--episodes", "1", "--latency-seconds", "2");
        Assert.True(demo.ExitCode == 0, demo.Out + demo.Err);
        foreach (string file in new[] { "train/summary.json", "train/metrics.csv", "cartpole-student.onnx", "deploy.tlm", "hil.json", "hil.html" })
        {
            Assert.True(File.Exists(Path.Combine(dir.Path, file)), $"{file} was not written");
        }
        string text = Flat(demo.Out);
        Assert.Contains("imitation gap", text);
        Assert.Contains("replays bit-exact", text);
        Assert.Contains("student return on the simulated robot", text);
        Assert.Contains("500 over 1 episodes", text);
        var log = TelemetryLog.Read(Path.Combine(dir.Path, "deploy.tlm"));
        Assert.True(log.Cycles.Count(c => c.Kind == CycleKind.Policy) >= 490);
        string html = File.ReadAllText(Path.Combine(dir.Path, "hil.html"));
        Assert.Equal(3, XDocument.Parse(html["<!DOCTYPE html>".Length..]).Descendants("svg").Count());

        // A second run reuses the finished training run instead of training again.
        var again = CliProcess.Run(TimeSpan.FromMinutes(6), "demo", "--out", dir.Path, "--episodes", "1", "--latency-seconds", "1");
        Assert.True(again.ExitCode == 0, again.Out + again.Err);
        Assert.Contains("holds a finished run", Flat(again.Out));
    }
}
