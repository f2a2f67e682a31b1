using RobotPolicy.Cli.Experiments.Statistics;

namespace RobotPolicy.Tests.Experiments;

/// <summary>The confidence-interval math against published Student t tables.</summary>
public class StudentTTests
{
    // Two-sided 95% critical values t(0.975, df), from the standard tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(2, 4.303)]
    [InlineData(3, 3.182)]
    [InlineData(4, 2.776)]
    [InlineData(5, 2.571)]
    [InlineData(9, 2.262)]
    [InlineData(10, 2.228)]
    [InlineData(30, 2.042)]
    [InlineData(100, 1.984)]
    public void Quantile_0975_matches_the_table(int df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(0.975, df), 3);

    [Theory]
    [InlineData(0.95, 1, 6.314)]
    [InlineData(0.995, 4, 4.604)]
    [InlineData(0.9, 20, 1.325)]
    [InlineData(0.025, 4, -2.776)]
    public void Other_quantiles_match_the_table(double p, int df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(p, df), 3);

    [Fact]
    public void Cdf_is_a_half_at_zero_and_symmetric()
    {
        Assert.Equal(0.5, StudentT.Cdf(0, 3), 12);
        Assert.Equal(1, StudentT.Cdf(1.7, 6) + StudentT.Cdf(-1.7, 6), 12);
        // df 1 is the Cauchy distribution: CDF(t) = 1/2 + atan(t)/π.
        Assert.Equal(0.5 + Math.Atan(2.5) / Math.PI, StudentT.Cdf(2.5, 1), 10);
    }

    [Fact]
    public void Interval_of_five_values_uses_t_with_four_degrees_of_freedom()
    {
        // Mean 3, sample standard deviation sqrt(2.5), standard error sqrt(0.5); t(0.975, 4) = 2.7764451.
        var ci = MeanWithInterval.Of([1, 2, 3, 4, 5])!;
        Assert.Equal(3, ci.Mean, 12);
        Assert.Equal(2.7764451 * Math.Sqrt(0.5), ci.HalfWidth!.Value, 5);
        Assert.Equal(5, ci.Count);
        Assert.Equal(ci.Mean - ci.HalfWidth.Value, ci.Low!.Value, 12);
    }

    [Fact]
    public void Two_seeds_give_a_wide_interval()
    {
        // t(0.975, 1) = 12.706: two seeds 0.2 and 0.4 say very little.
        var ci = MeanWithInterval.Of([0.2, 0.4])!;
        Assert.Equal(0.3, ci.Mean, 12);
        Assert.Equal(12.7062047 * 0.1, ci.HalfWidth!.Value, 5);
    }

    [Fact]
    public void One_seed_has_no_interval_and_none_has_no_value()
    {
        var one = MeanWithInterval.Of([0.7])!;
        Assert.Equal(0.7, one.Mean);
        Assert.Null(one.HalfWidth);
        Assert.Null(one.Low);
        Assert.Null(MeanWithInterval.Of([]));
    }
}
