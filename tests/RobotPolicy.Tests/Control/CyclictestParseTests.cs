using RobotPolicy.Control.Hil;

namespace RobotPolicy.Tests.Control;

/// <summary>cyclictest's output (rt-tests 2.x, -q -h) read into percentiles.</summary>
public class CyclictestParseTests
{
    private const string Output = """
        # /dev/cpu_dma_latency set to 0us
        # Histogram
        000011 000060
        000012 000555
        000013 000289
        000020 000095
        000370 000001
        # Total: 000001000
        # Min Latencies: 00011
        # Avg Latencies: 00013
        # Max Latencies: 00370
        # Histogram Overflows: 00000
        # Histogram Overflow at cycle number:
        # Thread 0:
        """;

    [Fact]
    public void The_histogram_gives_the_percentiles_and_the_summary_the_maximum()
    {
        var result = CyclictestRun.Parse("cyclictest ...", Output, 20_000);
        Assert.Null(result.NotRun);
        var p = result.Latency!;
        Assert.Equal(1000, p.Count);
        Assert.Equal(12, p.P50);   // 60 + 555 of 1000 are at or below 12
        Assert.Equal(13, p.P90);   // 904 at or below 13
        Assert.Equal(20, p.P99);
        Assert.Equal(370, p.P9999);
        Assert.Equal(370, p.Max);
        Assert.Equal(0, result.Overflows);
    }

    [Fact]
    public void Output_without_a_histogram_says_so() =>
        Assert.Equal("cyclictest printed no histogram", CyclictestRun.Parse("cyclictest ...", "cyclictest: invalid option -- 'n'", 20_000).NotRun);
}
