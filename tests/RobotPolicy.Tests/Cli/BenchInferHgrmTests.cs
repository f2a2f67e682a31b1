using System.Text.Json;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>`bench infer --hgrm FILE`: each measured operation's distribution in HdrHistogram's format, read back.</summary>
public class BenchInferHgrmTests
{
    [Fact]
    public void Every_operation_gets_a_file_that_reads_back_with_its_count()
    {
        using var dir = new TemporaryDirectory();
        var (bundle, _) = Bundles.Example;
        string hgrm = dir.File("infer.hgrm");
        var r = CliProcess.Run("bench", "infer", bundle, "--steps", "3000", "--warmup", "100", "--json", "--hgrm", hgrm);
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        foreach (var (file, property) in new[] { ("infer.hgrm", "step"), ("infer.bare-run.hgrm", "bare_ort_run"), ("infer.reference.hgrm", "reference") })
        {
            var parsed = HgrmFile.Parse(File.ReadAllText(dir.File(file)));
            Assert.Equal(3000, parsed.TotalCount);
            Assert.Equal(1.0, parsed.Rows[^1].Percentile);
            // Rows climb: percentiles and counts never fall, values never fall.
            Assert.True(parsed.Rows.Zip(parsed.Rows.Skip(1)).All(p => p.Second.Percentile >= p.First.Percentile
                && p.Second.TotalCount >= p.First.TotalCount && p.Second.Value >= p.First.Value), file);
            double maxUs = json.RootElement.GetProperty(property).GetProperty("max_us").GetDouble();
            Assert.Equal(maxUs, parsed.Max, tolerance: 0.001);
        }
    }
}
