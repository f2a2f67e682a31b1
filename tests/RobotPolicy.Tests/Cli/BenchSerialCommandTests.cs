using System.Text.Json;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>`robotpolicy bench serial`: both drivers measured on one pseudo-terminal link, and bad numbers refused in one line.</summary>
[Collection(TimingSensitive.Name)]
public class BenchSerialCommandTests
{
    private static ChildProcess.Result Bench(params string[] args) =>
        ChildProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "robotpolicy.dll"), "bench", "serial", .. args],
            TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["NO_COLOR"] = "1" });

    [SocatFact]
    public void Both_drivers_are_measured_on_one_link_and_the_termios_one_allocates_nothing()
    {
        using var dir = new TemporaryDirectory();
        var r = Bench("--baud", "250000", "--bytes", "64", "--round-trips", "200", "--out", dir.Path);
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "bench-serial.json")));
        Assert.StartsWith("robotpolicy bench serial --baud 250000 --bytes 64 --round-trips 200", json.RootElement.GetProperty("command").GetString(), StringComparison.Ordinal);
        var drivers = json.RootElement.GetProperty("drivers").EnumerateArray().ToList();
        Assert.Equal(["termios", "System.IO.Ports"], drivers.Select(d => d.GetProperty("driver").GetString()));
        foreach (var d in drivers)
        {
            Assert.Equal(JsonValueKind.Null, d.GetProperty("refused").ValueKind);
            Assert.Equal(200, d.GetProperty("round_trips").GetInt32());
            double p50 = d.GetProperty("p50_us").GetDouble(), p99 = d.GetProperty("p99_us").GetDouble(), max = d.GetProperty("max_us").GetDouble();
            Assert.True(p50 > 0 && p50 <= p99 && p99 <= max, $"{d}");
        }
        Assert.Equal(0, drivers[0].GetProperty("allocated_bytes_per_round_trip").GetDouble());
        Assert.Contains("System.IO.Ports", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bytes", "0", "--bytes 0: expected 1 to 65536")]
    [InlineData("--baud", "10", "--baud 10: expected 50 to 16000000")]
    [InlineData("--round-trips", "-3", "--round-trips -3: expected 10 to 10000000")]
    public void Bad_numbers_are_refused_in_one_line(string option, string value, string expected)
    {
        using var dir = new TemporaryDirectory();
        var r = Bench(option, value, "--out", dir.Path);
        Assert.Equal(1, r.ExitCode);
        string err = r.Err.Trim();
        Assert.DoesNotContain('\n', err);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
