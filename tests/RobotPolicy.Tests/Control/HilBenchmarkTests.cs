using System.Text.Json;
using System.Xml.Linq;
using RobotPolicy.Control.Hil;
using RobotPolicy.Control.Loop;
using RobotPolicy.Runtime.Session;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Control;

/// <summary>The HIL benchmark measures what it says (short runs: speed goals live in the benchmark, not here).</summary>
[Collection(TimingSensitive.Name)]
public class HilBenchmarkTests
{
    [Theory]
    [InlineData(HilTransports.InProcess, 0)]
    [InlineData(HilTransports.Udp, 0)]
    [InlineData(HilTransports.Udp, 150)]
    public void A_short_run_measures_every_part_and_judges_every_goal(string transport, int spin)
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        var result = HilBenchmark.Run(new SessionPolicy(session), "example.onnx",
            new HilOptions { RateHz = 500, Duration = TimeSpan.FromSeconds(1), Transport = transport, Cyclictest = false, SpinMicroseconds = spin });
        Assert.InRange(result.FramesSent, 300, 600);
        Assert.Equal(result.FramesSent, result.ActionsOnTime + result.ActionsLate + result.ActionsMissing);
        Assert.True(result.ActionsOnTime > result.FramesSent / 2, $"on time {result.ActionsOnTime} of {result.FramesSent}");
        Assert.True(result.EndToEnd.Count >= result.ActionsOnTime);
        Assert.True(result.EndToEnd.P50 >= result.RuntimeInternal.P50, "the robot's round trip contains the runtime's part");
        Assert.Equal(["decode", "policy step", "safety + encode", "send"], result.Stages.Select(s => s.Name));
        Assert.All(result.Stages, s => Assert.True(s.Count > 0));
        Assert.InRange(result.TimerFloor.Count, 300, 600);
        // Four goals judged against the machine's own timer floor, then the absolute p99 as information; a timer
        // whose p99.9 is a loaded or virtual machine's is explained in one line.
        Assert.Equal(5, result.Goals.Count);
        Assert.Equal([false, false, false, false, true], result.Goals.Select(g => g.Absolute));
        Assert.Equal(result.TimerFloor.P999 > HilBenchmark.NoisyTimerP999Microseconds, result.TimerNote is not null);
        Assert.True(result.TimerNote is null || result.TimerNote.StartsWith("this machine's own timer p99.9 is ", StringComparison.Ordinal), result.TimerNote);
        Assert.NotEmpty(result.EndToEndHistogram);
        Assert.NotEmpty(result.Timeline);
        Assert.Equal(spin, result.SpinMicroseconds);
    }

    [SocatFact]
    public void The_serial_path_is_measured_over_socat_pseudo_terminals()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        var result = HilBenchmark.Run(new SessionPolicy(session), "example.onnx",
            new HilOptions { RateHz = 200, Duration = TimeSpan.FromSeconds(1), Transport = HilTransports.Serial, Cyclictest = false });
        Assert.Equal("serial", result.Transport);
        Assert.True(result.ActionsOnTime > result.FramesSent / 2, $"on time {result.ActionsOnTime} of {result.FramesSent}");
        Assert.Equal(0, result.TransportDrops);
    }

    [Fact]
    public void Bench_hil_writes_json_and_a_self_contained_html_report()
    {
        using var dir = new TemporaryDirectory();
        var run = CliProcess.Run("bench", "hil", Bundles.Example.Path, "--rate", "200", "--duration", "1", "--transport", "inprocess", "--no-cyclictest",
            "--out", dir.Path, "--hgrm", dir.File("hil.hgrm"));
        Assert.True(run.ExitCode == 0, run.Out + run.Err);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "hil.json")));
        // The CO-corrected end-to-end distribution and the timer floor's, in HdrHistogram's format, read back.
        var endToEnd = HgrmFile.Parse(File.ReadAllText(dir.File("hil.hgrm")));
        Assert.Equal(json.RootElement.GetProperty("end_to_end").GetProperty("count").GetInt64(), endToEnd.TotalCount);
        Assert.Equal(1.0, endToEnd.Rows[^1].Percentile);
        Assert.Equal(endToEnd.TotalCount, endToEnd.Rows[^1].TotalCount);
        Assert.True(HgrmFile.Parse(File.ReadAllText(dir.File("hil.timer-floor.hgrm"))).TotalCount > 0);
        Assert.Equal(200, json.RootElement.GetProperty("rate_hz").GetDouble());
        Assert.True(json.RootElement.GetProperty("end_to_end").GetProperty("count").GetInt64() > 100);
        string html = File.ReadAllText(Path.Combine(dir.Path, "hil.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        var page = XDocument.Parse(html["<!DOCTYPE html>".Length..]);
        Assert.Equal(3, page.Descendants("svg").Count());
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("hil.html", run.Out);
    }
}
