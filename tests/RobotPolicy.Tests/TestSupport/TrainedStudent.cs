using System.Text.Json;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>An aligned student trained by the real `robotpolicy train` and exported by `robotpolicy export`, as a user would.</summary>
internal static class TrainedStudent
{
    /// <returns>The bundle's path and the student's return in the trainer's own evaluation (200 deterministic episodes).</returns>
    public static (string Bundle, double TrainingReturn) TrainAndExport(string domain, long steps, string folder, string bundleName)
    {
        string run = Path.Combine(folder, "run");
        var train = CliProcess.Run(TimeSpan.FromMinutes(5), "train", "--domain", domain, "--agent", "aligned",
            "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "1", "--out", run);
        Assert.True(train.ExitCode == 0, train.Out + train.Err);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        string bundle = Path.Combine(folder, bundleName);
        var export = CliProcess.Run("export", Path.Combine(run, "policy"), "--out", bundle);
        Assert.True(export.ExitCode == 0, export.Out + export.Err);
        return (bundle, summary.RootElement.GetProperty("student_return").GetDouble());
    }
}
