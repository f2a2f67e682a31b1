using System.Xml.Linq;
using RobotPolicy.Control.Telemetry;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>The README's first command, end to end, on a smaller budget (the default trains 200,000 steps).</summary>
public class DemoCommandTests
{
    [Fact]
    public void The_demo_trains_exports_deploys_and_reports()
    {
        using var dir = new TemporaryDirectory();
        var demo = CliProcess.RunRedirected(TimeSpan.FromMinutes(6), "demo", "--out", dir.Path, "--steps", "100000", "--episodes", "1", "--latency-seconds", "2");
        Assert.True(demo.ExitCode == 0, demo.Out + demo.Err);
        foreach (string file in new[] { "train/summary.json", "train/metrics.csv", "cartpole-student.onnx", "deploy.tlm", "hil.json", "hil.html" })
        {
            Assert.True(File.Exists(Path.Combine(dir.Path, file)), $"{file} was not written");
        }
        string text = demo.Out;
        Assert.Contains("imitation gap", text);
        Assert.Contains("replays bit-exact", text);
        Assert.Contains("│ student return in training (sensors only) ", text);
        Assert.Contains("500 over 1 episode (", text);
        AssertPlainText(demo.Out + demo.Err, Path.Combine(dir.Path, "hil.html"));
        var log = TelemetryLog.Read(Path.Combine(dir.Path, "deploy.tlm"));
        Assert.True(log.Cycles.Count(c => c.Kind == CycleKind.Policy) >= 490);
        string html = File.ReadAllText(Path.Combine(dir.Path, "hil.html"));
        Assert.Equal(3, XDocument.Parse(html["<!DOCTYPE html>".Length..]).Descendants("svg").Count());

        // A second run reuses the finished training run instead of training again.
        var again = CliProcess.Run(TimeSpan.FromMinutes(6), "demo", "--out", dir.Path, "--episodes", "1", "--latency-seconds", "1");
        Assert.True(again.ExitCode == 0, again.Out + again.Err);
        Assert.Contains("holds a finished run", again.Out);
    }

    /// <summary>
    /// Output redirected to a file reads as plain text: no escape codes, progress as at most one line per task and
    /// 10% (percentages only rising within a task), nothing wrapped (a path stays on its line), and the summary
    /// table without an empty header row.
    /// </summary>
    private static void AssertPlainText(string output, string reportPath)
    {
        Assert.DoesNotContain('\u001b', output);
        string[] lines = output.Split('\n');
        int percent = 0, percentLines = 0, tasks = 0;
        foreach (string line in lines)
        {
            if (line.EndsWith(": started", StringComparison.Ordinal))
            {
                tasks++;
                percent = 0;
            }
            else if (System.Text.RegularExpressions.Regex.Match(line, @": (\d+)%$") is { Success: true } m)
            {
                int now = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(now > percent && now % 10 == 0, $"progress line after {percent}%: {line}");
                percent = now;
                percentLines++;
            }
        }
        Assert.True(tasks >= 3, $"{tasks} tasks said they started:\n{output}");
        Assert.True(percentLines <= 9 * tasks, $"{percentLines} progress lines for {tasks} tasks");
        Assert.Contains(lines, l => l.Contains($"│ latency report ", StringComparison.Ordinal) && l.Contains(reportPath, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^│\s+│\s+│\s*$"));
        Assert.DoesNotContain(lines, l => l.Length > 0 && l.Trim('─', ' ').Length == 0);
    }
}
