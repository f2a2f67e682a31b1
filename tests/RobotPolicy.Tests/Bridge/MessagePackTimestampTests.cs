using RobotPolicy.Bridge.Wire;
using RobotPolicy.Tests.Bridge.Values;

namespace RobotPolicy.Tests.Bridge;

public class MessagePackTimestampTests
{
    [Theory]
    [InlineData("1970-01-01T00:00:00.0000000+00:00", 0L, 0u)]
    [InlineData("2018-01-02T03:04:05.6789012+00:00", 1514862245L, 678901200u)]
    [InlineData("1969-12-31T23:59:59.9999999+00:00", -1L, 999999900u)]
    [InlineData("0001-01-01T00:00:00.0000000+00:00", -62135596800L, 0u)]
    public void Converts_to_and_from_DateTimeOffset_counting_nanoseconds_forwards(string time, long seconds, uint nanoseconds)
    {
        var instant = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var timestamp = MessagePackTimestamp.FromDateTimeOffset(instant);
        Assert.Equal(new MessagePackTimestamp(seconds, nanoseconds), timestamp);
        Assert.Equal(instant, timestamp.ToDateTimeOffset());
    }

    [Fact]
    public void Out_of_range_values_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackTimestamp(0, 1_000_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackTimestamp(long.MaxValue, 0).ToDateTimeOffset());
        Assert.Equal("-1.000000005s", new MessagePackTimestamp(-1, 5).ToString());
    }
}
