using RobotPolicy.Cli.Experiments.Results;

namespace RobotPolicy.Tests.Experiments;

/// <summary>The table's "student / best student" reads the same way on reward domains and on cost domains (the MuJoCo arm).</summary>
public class StudentScoreTests
{
    [Theory]
    [InlineData(0.27, 0.3, 0.9)] // rewards: the student's share of the best
    [InlineData(-0.66, 1.0, -0.66)]
    [InlineData(-15.0, -13.5, 0.9)] // costs: 11% more cost than the best is 0.9
    [InlineData(-13.5, -13.5, 1.0)]
    [InlineData(-71.0, -13.5, 0.190)]
    public void Ninety_percent_means_ninety_percent_as_good_whichever_the_sign(double student, double best, double expected) =>
        Assert.Equal(expected, StudentScore.FractionOfBest(student, best)!.Value, 3);

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.0, -13.5)]
    public void Where_the_ratio_means_nothing_there_is_no_cell(double student, double best) =>
        Assert.Null(StudentScore.FractionOfBest(student, best));
}
