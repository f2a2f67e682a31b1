using RobotPolicy.Tests.Deployment;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>`robotpolicy evaluate`: actions for stacked observations, checked against expected ones; bad files in one line.</summary>
public class EvaluateCommandTests
{
    [Fact]
    public void Written_actions_read_back_as_an_exact_match_and_a_changed_one_fails()
    {
        using var dir = new TemporaryDirectory();
        var (observations, actions) = DeploymentChecks.Reference(dir);
        var (bundle, _) = Bundles.Example;
        var same = CliProcess.Run("evaluate", bundle, "--observations", observations, "--expect", actions, "--tolerance", "0");
        Assert.True(same.ExitCode == 0, same.Err);
        Assert.StartsWith("match: 64 rows, max |action - expected| = 0 ", same.Out.Trim());

        var lines = File.ReadAllLines(actions);
        var cells = lines[5].Split(',');
        cells[3] = (float.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture) + 0.01f).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        lines[5] = string.Join(',', cells);
        string changed = dir.File("changed.csv");
        File.WriteAllLines(changed, lines);
        var differ = CliProcess.Run("evaluate", bundle, "--observations", observations, "--expect", changed);
        Assert.Equal(1, differ.ExitCode);
        Assert.Contains("differ: 64 rows", differ.Out, StringComparison.Ordinal);
        Assert.Contains("(row 6, action 4; tolerance 1e-05)", differ.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,2,3", ":1: 3 values, but the policy's stacked observations have 144")]
    [InlineData("", ": no rows of stacked observations")]
    public void A_bad_observation_file_is_one_line(string content, string expectedEnd)
    {
        using var dir = new TemporaryDirectory();
        string path = dir.File("obs.csv");
        File.WriteAllText(path, content);
        var (bundle, _) = Bundles.Example;
        var r = CliProcess.Run("evaluate", bundle, "--observations", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"error: {path}{expectedEnd}", r.Err.Trim());
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_named()
    {
        using var dir = new TemporaryDirectory();
        string path = dir.File("obs.csv");
        File.WriteAllText(path, string.Join(',', Enumerable.Repeat("0", 143).Append("fast")) + "\n");
        var (bundle, _) = Bundles.Example;
        var r = CliProcess.Run("evaluate", bundle, "--observations", path);
        Assert.Equal($"error: {path}:1: value 144 'fast' is not a finite number", r.Err.Trim());
    }
}
