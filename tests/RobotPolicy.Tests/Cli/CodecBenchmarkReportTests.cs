using System.Text.Json;
using RobotPolicy.Bridge.Benchmarks;
using RobotPolicy.Cli.CodecBench;
using RobotPolicy.Tests.Experiments;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>
/// `bench codec`'s report from made-up figures (running the benchmark itself takes minutes): the goals are judged as
/// the issue states them, bench-codec.json and a self-contained bench-codec.html are written, and a missing node is
/// one clear error.
/// </summary>
public class CodecBenchmarkReportTests
{
    private static CodecBenchmarkResult Result(double headlineNs, long headlineAllocated, double jsDecodeNs)
    {
        CodecMeasurement C(string name, double ns, long allocated = 0) => new(name, ns, ns * 1.01, ns * 0.02, 20, allocated);
        JavaScriptMeasurement J(string name, double ns) => new(name, ns, ns, ns * 0.9, ns * 1.2, 41, 10_000);
        var csharp = new[]
        {
            C(nameof(CodecBenchmarks.SensorFrame64_EncodeDecode), headlineNs, headlineAllocated),
            C(nameof(CodecBenchmarks.SensorFrame64_Encode), 130), C(nameof(CodecBenchmarks.SensorFrame64_Decode), 340),
            C(nameof(CodecBenchmarks.ActionFrame12_EncodeDecode), 360),
            C(nameof(CodecBenchmarks.SensorFrame64_EncodeDecode_StreamFramed), 1950),
            C(nameof(CodecBenchmarks.SensorFrame64_EncodeDecode_Datagram), 500),
        };
        var js = new JavaScriptRun("v20.0.0", "@msgpack/msgpack 3.1.3", "forceFloat32 <&> options",
        [
            J(nameof(CodecBenchmarks.SensorFrame64_EncodeDecode), 3000), J(nameof(CodecBenchmarks.SensorFrame64_Encode), 1500),
            J(nameof(CodecBenchmarks.SensorFrame64_Decode), jsDecodeNs), J(nameof(CodecBenchmarks.ActionFrame12_EncodeDecode), 1900),
        ]);
        return CodecBenchmarkResults.Combine("robotpolicy bench codec --out x", "test machine", "test job", csharp, js, 365, 131, sameBytes: true);
    }

    [Fact]
    public void Goals_are_judged_as_the_issue_states_them()
    {
        var met = Result(headlineNs: 530, headlineAllocated: 0, jsDecodeNs: 1200);
        Assert.True(met.GoalsMet, string.Join("; ", met.Goals));
        var headline = met.Rows.Single(r => r.Name == nameof(CodecBenchmarks.SensorFrame64_EncodeDecode));
        Assert.Equal(3000 / 530.0, headline.ThroughputRatio!.Value, 9);
        Assert.Equal(1e9 / 530, headline.CsharpOpsPerSecond, 6);
        Assert.Null(met.Rows.Single(r => r.Name == nameof(CodecBenchmarks.SensorFrame64_EncodeDecode_Datagram)).ThroughputRatio);

        Assert.False(Result(headlineNs: 1000, headlineAllocated: 0, jsDecodeNs: 1200).GoalsMet); // 1 µs is not under 1 µs
        Assert.False(Result(headlineNs: 530, headlineAllocated: 24, jsDecodeNs: 1200).GoalsMet);
        Assert.True(Result(headlineNs: 530, headlineAllocated: 0, jsDecodeNs: 680).GoalsMet); // decode 2.0x: at least 2x
        var slowRatio = Result(headlineNs: 530, headlineAllocated: 0, jsDecodeNs: 670); // decode 1.97x
        Assert.False(slowRatio.GoalsMet);
        Assert.Contains(slowRatio.Goals, g => !g.Met && g.Measured.Contains(nameof(CodecBenchmarks.SensorFrame64_Decode), StringComparison.Ordinal));
    }

    [Fact]
    public void Report_writes_json_and_a_self_contained_html_page()
    {
        using var dir = new TemporaryDirectory();
        string folder = Path.Combine(dir.Path, "out");
        var (jsonPath, htmlPath) = CodecBenchmarkReport.Write(Result(530, 0, 1200), folder);

        Assert.Equal([CodecBenchmarkReport.HtmlFileName, CodecBenchmarkReport.JsonFileName],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var rows = json.RootElement.GetProperty("rows");
        Assert.Equal(6, rows.GetArrayLength());
        Assert.Equal(0, rows[0].GetProperty("csharp_allocated_bytes_per_op").GetInt64());
        Assert.Equal(3000, rows[0].GetProperty("js_ns_per_op").GetDouble());
        Assert.True(json.RootElement.GetProperty("goals_met").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rows[5].GetProperty("throughput_ratio").ValueKind);
        // The replaced hand-written codec's recorded figure sits beside each row, with where it came from.
        Assert.Equal(369, rows[0].GetProperty("earlier_ns_per_op").GetDouble());
        Assert.Contains("hand-written", json.RootElement.GetProperty("earlier_codec").GetString(), StringComparison.Ordinal);

        string html = File.ReadAllText(htmlPath);
        var doc = ReportChecks.ParseWellFormed(html);
        ReportChecks.AssertSelfContained(html);
        Assert.Single(doc.Descendants("svg"));
        Assert.Contains("SensorFrame64_EncodeDecode_StreamFramed", html, StringComparison.Ordinal);
        Assert.Contains("forceFloat32 &lt;&amp;&gt; options", html, StringComparison.Ordinal);
        Assert.Contains("earlier ns/op", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_codec_without_node_says_what_to_install()
    {
        using var dir = new TemporaryDirectory();
        // dotnet is found through this process's PATH; the CLI's own PATH has no node.
        var r = ChildProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "robotpolicy.dll"), "bench", "codec", "--out", dir.Path, "--quick"],
            TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["PATH"] = dir.Path, ["NO_COLOR"] = "1" });
        Assert.Equal(1, r.ExitCode);
        string err = r.Err.Trim();
        Assert.DoesNotContain('\n', err);
        Assert.StartsWith("error: node could not be started", err, StringComparison.Ordinal);
        Assert.Contains("install Node.js", err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
