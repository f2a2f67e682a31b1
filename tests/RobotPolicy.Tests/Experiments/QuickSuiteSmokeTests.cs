using System.Diagnostics;
using System.Text.Json;
using RobotPolicy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RobotPolicy.Tests.Experiments;

/// <summary>
/// CI smoke test: the quick suite, one seed, end to end (about two minutes on 2 cores), and the ordering it exists to
/// show: where the teacher acts on information the student cannot have, the aligned student beats the DAgger student.
/// </summary>
public class QuickSuiteSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void Quick_suite_runs_end_to_end_and_the_aligned_student_beats_dagger()
    {
        using var dir = new TemporaryDirectory();
        var clock = Stopwatch.StartNew();
        var r = CliProcess.Run(TimeSpan.FromMinutes(15), "experiment", "--suite", "quick", "--seeds", "1", "--out", dir.Path);
        output.WriteLine($"robotpolicy experiment --suite quick --seeds 1: {clock.Elapsed.TotalSeconds:0} s");
        output.WriteLine(r.Out);
        Assert.True(r.ExitCode == 0, r.Out + r.Err);

        var results = JsonDocument.Parse(File.ReadAllText(dir.File("results.json"))).RootElement;
        Assert.Equal(10, results.GetProperty("runs_with_results").GetInt32());
        foreach (string domain in new[] { "tigerdoor", "poisoned-doors" })
        {
            var methods = results.GetProperty("domains").EnumerateArray().Single(d => d.GetProperty("domain").GetString() == domain)
                .GetProperty("methods").EnumerateArray().ToDictionary(m => m.GetProperty("method").GetString()!);
            double StudentReturn(string method) => methods[method].GetProperty("student_return").GetProperty("mean").GetDouble();
            Assert.True(StudentReturn("aligned") > StudentReturn("dagger"),
                $"{domain}: aligned student {StudentReturn("aligned")} does not beat the DAgger student {StudentReturn("dagger")}");
        }

        string html = File.ReadAllText(dir.File("report.html"));
        ReportChecks.ParseWellFormed(html);
        ReportChecks.AssertSelfContained(html);
    }
}
