using System.Text.Json;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Experiments;

/// <summary>
/// `robotpolicy experiment` end to end on the hidden test suite (a few hundred steps per run, seconds in all):
/// resuming, carrying on past a failed run, and the files it writes.
/// </summary>
public class ExperimentCommandTests
{
    private static ChildProcess.Result Experiment(string dir, params string[] extra) =>
        CliProcess.Run(["experiment", "--suite", "tiny", "--out", dir, "--jobs", "2", .. extra]);

    private static string Run(string dir, string domain, string method) => Path.Combine(dir, "runs", domain, method, "seed-1");

    private static int Attempts(string runDirectory) =>
        File.ReadAllLines(Path.Combine(runDirectory, "log.txt")).Count(l => l.StartsWith("# exit code", StringComparison.Ordinal));

    [Fact]
    public void A_second_invocation_reruns_nothing_finished_and_resumes_an_interrupted_train_run()
    {
        using var dir = new TemporaryDirectory();
        var first = Experiment(dir.Path);
        Assert.True(first.ExitCode == 0, first.Out + first.Err);
        string[] runs = Directory.GetDirectories(Path.Combine(dir.Path, "runs"), "seed-1", SearchOption.AllDirectories);
        Assert.Equal(6, runs.Length);
        Assert.All(runs, r => Assert.Equal(1, Attempts(r)));
        var results = JsonDocument.Parse(File.ReadAllText(dir.File("results.json"))).RootElement;
        Assert.Equal(6, results.GetProperty("runs_with_results").GetInt32());

        // Nothing is missing: nothing runs.
        var teacherSummary = Path.Combine(Run(dir.Path, "tigerdoor", "teacher"), "summary.json");
        var written = File.GetLastWriteTimeUtc(teacherSummary);
        var second = Experiment(dir.Path);
        Assert.True(second.ExitCode == 0, second.Out + second.Err);
        Assert.Contains("6 runs, 6 already done", second.Out);
        Assert.All(runs, r => Assert.Equal(1, Attempts(r)));
        Assert.Equal(written, File.GetLastWriteTimeUtc(teacherSummary));

        // A train run that stopped before its summary (its checkpoint is there) continues with --resume; only it runs.
        string aligned = Run(dir.Path, "poisoned-doors", "aligned");
        File.Delete(Path.Combine(aligned, "summary.json"));
        var third = Experiment(dir.Path);
        Assert.True(third.ExitCode == 0, third.Out + third.Err);
        Assert.Contains("6 runs, 5 already done", third.Out);
        Assert.Equal(2, Attempts(aligned));
        string log = File.ReadAllText(Path.Combine(aligned, "log.txt"));
        Assert.Contains("--resume", log.Split('\n').Last(l => l.StartsWith("# ", StringComparison.Ordinal) && l.Contains("robotpolicy train", StringComparison.Ordinal)));
        Assert.Contains("resuming", log);
        Assert.True(File.Exists(Path.Combine(aligned, "summary.json")));
        Assert.All(runs.Where(r => r != aligned), r => Assert.Equal(1, Attempts(r)));

        string html = File.ReadAllText(dir.File("report.html"));
        ReportChecks.ParseWellFormed(html);
        ReportChecks.AssertSelfContained(html);
        Assert.Contains("robotpolicy experiment --suite tiny", html);
        Assert.Contains("## tigerdoor", File.ReadAllText(dir.File("results.md")));
    }

    [Fact]
    public void A_failed_run_is_reported_with_its_log_and_the_others_finish()
    {
        using var dir = new TemporaryDirectory();
        // A damaged checkpoint: the experiment resumes the tigerdoor teacher from it, and train refuses it.
        string teacher = Run(dir.Path, "tigerdoor", "teacher");
        Directory.CreateDirectory(teacher);
        File.WriteAllText(Path.Combine(teacher, "checkpoint.safetensors"), "not a checkpoint");

        var r = Experiment(dir.Path);
        Assert.Equal(1, r.ExitCode);
        string teacherLog = Path.Combine(teacher, "log.txt");
        Assert.Contains($"failed: tigerdoor/teacher/seed-1 (exit code 1); log: {teacherLog}", r.Out);
        Assert.Contains("blocked: tigerdoor/dagger/seed-1", r.Out);
        var error = Assert.Single(r.Err.Trim().Split('\n'));
        Assert.StartsWith("error: 2 of 6 runs have no result (first: tigerdoor/teacher/seed-1, exit code 1; log ", error);
        Assert.Contains("error:", File.ReadAllText(teacherLog));

        // Everything that did not depend on the broken run finished, and the results say what is missing.
        foreach (var (domain, method) in new[] { ("tigerdoor", "aligned"), ("poisoned-doors", "teacher"), ("poisoned-doors", "dagger"), ("poisoned-doors", "aligned") })
        {
            Assert.True(Directory.GetFiles(Run(dir.Path, domain, method), "*.json").Any(f => f.EndsWith("summary.json") || f.EndsWith("imitation.json")), $"{domain}/{method} has no result");
        }
        var results = JsonDocument.Parse(File.ReadAllText(dir.File("results.json"))).RootElement;
        Assert.Equal(4, results.GetProperty("runs_with_results").GetInt32());
        var problems = results.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("run").GetString(), p.GetProperty("state").GetString())).ToArray();
        Assert.Equal([("tigerdoor/teacher/seed-1", "Failed"), ("tigerdoor/dagger/seed-1", "Blocked")], problems);
        string html = File.ReadAllText(dir.File("report.html"));
        ReportChecks.ParseWellFormed(html);
        Assert.Contains(teacherLog, html);
    }

    [Fact]
    public void An_unknown_suite_is_one_line_and_exit_1()
    {
        using var dir = new TemporaryDirectory();
        var r = CliProcess.Run("experiment", "--suite", "huge", "--out", dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error: --suite 'huge' is not one of quick, full, arm", r.Err.Trim());
    }
}
