namespace RobotPolicy.Tests.Bridge.Values;

/// <summary>
/// The spec's timestamp extension (type -1): seconds since 1970-01-01T00:00:00Z (signed, so earlier times too) plus
/// nanoseconds within that second. Kept as the spec's two numbers rather than a <see cref="DateTimeOffset"/>, whose
/// 100 ns ticks cannot hold every timestamp a peer may send.
/// </summary>
public readonly record struct MessagePackTimestamp
{
    public const uint NanosecondsPerSecond = 1_000_000_000;

    public MessagePackTimestamp(long seconds, uint nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nanoseconds, NanosecondsPerSecond);
        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    public long Seconds { get; }

    /// <summary>0 to 999,999,999.</summary>
    public uint Nanoseconds { get; }

    public static MessagePackTimestamp FromDateTimeOffset(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            // Floor division: nanoseconds are always counted forwards from the second before.
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }
        return new MessagePackTimestamp(seconds, (uint)(remainder * TimeSpan.NanosecondsPerTick));
    }

    /// <summary>The same instant, rounded down to a 100 ns tick. Throws when it lies outside DateTimeOffset's range.</summary>
    public DateTimeOffset ToDateTimeOffset()
    {
        const long minSeconds = -62_135_596_800; // 0001-01-01
        const long maxSeconds = 253_402_300_799; // 9999-12-31T23:59:59
        if (Seconds is < minSeconds or > maxSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(Seconds), Seconds, "the timestamp lies outside DateTimeOffset's range (years 1 to 9999)");
        }
        return DateTimeOffset.UnixEpoch.AddTicks(Seconds * TimeSpan.TicksPerSecond + Nanoseconds / TimeSpan.NanosecondsPerTick);
    }

    public override string ToString() => $"{Seconds}.{Nanoseconds:D9}s";
}
