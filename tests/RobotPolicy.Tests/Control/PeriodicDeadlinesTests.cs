using RobotPolicy.Bridge.Timing;

namespace RobotPolicy.Tests.Control;

public class PeriodicDeadlinesTests
{
    [Fact]
    public void Deadlines_stay_on_the_grid_however_late_each_cycle_ends()
    {
        var deadlines = new PeriodicDeadlines(startNanoseconds: 1_000, periodNanoseconds: 100);
        Assert.Equal(1_100, deadlines.CurrentNanoseconds);
        // A cycle ending 90 ns late does not push the next deadline back (no drift).
        deadlines.Advance(1_190);
        Assert.Equal(1_200, deadlines.CurrentNanoseconds);
        // A cycle that got its work done before its deadline keeps that deadline (frames arriving faster than the
        // period must not push the grid ahead).
        deadlines.Advance(1_150);
        Assert.Equal(1_200, deadlines.CurrentNanoseconds);
        deadlines.Advance(1_200);
        Assert.Equal(1_300, deadlines.CurrentNanoseconds);
        Assert.Equal(0, deadlines.Skipped);
    }

    [Fact]
    public void An_overrun_past_several_deadlines_skips_and_counts_them_instead_of_bursting()
    {
        var deadlines = new PeriodicDeadlines(0, 100);
        deadlines.Advance(450); // the cycle due at 100 ended at 450: 200, 300 and 400 are past
        Assert.Equal(500, deadlines.CurrentNanoseconds);
        Assert.Equal(3, deadlines.Skipped);
    }

    [Fact]
    public void A_period_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicDeadlines(0, 0));
}
