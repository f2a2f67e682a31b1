using RobotPolicy.Cli.Experiments.Results;
using RobotPolicy.Cli.Experiments.Statistics;

namespace RobotPolicy.Tests.Experiments;

/// <summary>How the result tables write a mean and its interval.</summary>
public class ResultsTextTests
{
    [Fact]
    public void Intervals_read_mean_plus_minus_half_width_and_one_seed_reads_as_the_bare_value()
    {
        Assert.Equal("3.00 ± 1.96", ResultsText.Interval(MeanWithInterval.Of([1, 2, 3, 4, 5]), "0.00"));
        Assert.Equal("0.30", ResultsText.Interval(MeanWithInterval.Of([0.3]), "0.00"));
        Assert.Equal("303,104", ResultsText.Interval(MeanWithInterval.Of([303_104, 303_104]), "N0"));
        Assert.Equal(ResultsText.Missing, ResultsText.Interval(null, "0.00"));
    }

    [Fact]
    public void A_value_that_rounds_to_zero_has_no_minus_sign()
    {
        Assert.Equal("0.00", ResultsText.Number(-0.0004));
        Assert.Equal("-0.01", ResultsText.Number(-0.006));
    }
}
