using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>
/// What a user types wrong gets one line on stderr naming the option, the value and what is expected, and exit 1:
/// never the help page, a .NET type name, a silent default or an output folder left behind. `help` works too.
/// </summary>
public class CommandLineErrorTests
{
    private static ChildProcess.Result Cli(params string[] args) =>
        ChildProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "robotpolicy.dll"), .. args],
            TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["NO_COLOR"] = "1" });

    [Theory]
    [InlineData("train --steps -5 --out {out}", "error: --steps -5: expected 1 to 1000000000000; see `robotpolicy train --help`")]
    [InlineData("train --steps 0 --out {out}", "error: --steps 0: expected 1 to 1000000000000; see `robotpolicy train --help`")]
    [InlineData("train --steps abc --out {out}", "error: --steps 'abc' is not a whole number; see `robotpolicy train --help`")]
    [InlineData("train --lr fast --out {out}", "error: --lr 'fast' is not a number; see `robotpolicy train --help`")]
    [InlineData("train --gamma 1.5 --num-envs 0 --out {out}", "error: --num-envs 0: expected 1 to 65536; --gamma 1.5: expected 0 to 1; see `robotpolicy train --help`")]
    [InlineData("train --domain cartpole", "error: --out is required; see `robotpolicy train --help`")]
    [InlineData("demo --steps -1 --out {out}", "error: --steps -1: expected 1 to 1000000000000; see `robotpolicy demo --help`")]
    [InlineData("export model.json", "error: --out is required; see `robotpolicy export --help`")]
    [InlineData("sim-robot --transport udp://127.0.0.1:9 --speed 0", "error: --speed 0: expected 0.01 to 1000; see `robotpolicy sim-robot --help`")]
    [InlineData("run x.onnx --robot udp://127.0.0.1:9 --priority 0", "error: --priority 0: expected 1 to 99; see `robotpolicy run --help`")]
    [InlineData("experiment --suite quick --out {out} --jobs 0", "error: --jobs 0: expected 1 to 256; see `robotpolicy experiment --help`")]
    [InlineData("bench serial --bytes 0 --out {out}", "error: --bytes 0: expected 1 to 65536; see `robotpolicy bench serial --help`")]
    [InlineData("bench hil --rate 0 --out {out}", "error: --rate 0: expected 1 to 20000; see `robotpolicy bench hil --help`")]
    [InlineData("teleport", "error: unknown command or argument 'teleport'; see `robotpolicy --help`")]
    public void A_bad_command_line_is_one_line_on_stderr_and_exit_1(string line, string expected)
    {
        using var dir = new TemporaryDirectory();
        string output = Path.Combine(dir.Path, "out");
        var r = Cli([.. line.Replace("{out}", output, StringComparison.Ordinal).Split(' ')]);
        Assert.Equal(1, r.ExitCode);
        string err = r.Err.Trim();
        Assert.DoesNotContain('\n', err);
        Assert.Equal(expected, err);
        Assert.DoesNotContain("System.", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Description:", r.Out + r.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), $"{output} was created");
    }

    [Theory]
    [InlineData("help", "RobotPolicy: train robot policies")]
    [InlineData("help train", "Train a teacher or an RL student")]
    [InlineData("help bench serial", "Round-trip latency of both serial drivers")]
    public void Help_works_as_a_command(string line, string expected)
    {
        var r = Cli(line.Split(' '));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(expected, r.Out, StringComparison.Ordinal);
        Assert.Equal("", r.Err.Trim());
    }
}
