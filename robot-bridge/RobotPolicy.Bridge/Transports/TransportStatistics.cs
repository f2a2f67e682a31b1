using System.Globalization;
using System.Text;

namespace RobotPolicy.Bridge.Transports;

/// <summary>
/// What a transport has sent, delivered and dropped (by <see cref="DropReason"/>). Counters are updated with
/// interlocked increments, so a sending thread, a receiving thread and a monitor may share one; reading them
/// allocates nothing.
/// </summary>
public sealed class TransportStatistics
{
    private static readonly DropReason[] Reasons = Enum.GetValues<DropReason>();

    private readonly long[] _drops = new long[Reasons.Length];
    private long _sent;
    private long _received;

    /// <summary>Messages handed to the link.</summary>
    public long MessagesSent => Interlocked.Read(ref _sent);

    /// <summary>Messages delivered intact to a receiver.</summary>
    public long MessagesReceived => Interlocked.Read(ref _received);

    /// <summary>Frames or datagrams dropped for <paramref name="reason"/>.</summary>
    public long Drops(DropReason reason) => Interlocked.Read(ref _drops[(int)reason]);

    /// <summary>Everything dropped, for any reason.</summary>
    public long TotalDrops
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _drops.Length; i++)
            {
                total += Interlocked.Read(ref _drops[i]);
            }
            return total;
        }
    }

    /// <summary>Counts a drop. Public so the loop above a transport counts protocol-level drops in the same place.</summary>
    public void RecordDrop(DropReason reason) => Interlocked.Increment(ref _drops[(int)reason]);

    internal void RecordDrops(DropReason reason, long count)
    {
        if (count != 0)
        {
            Interlocked.Add(ref _drops[(int)reason], count);
        }
    }

    internal void RecordSent() => Interlocked.Increment(ref _sent);

    internal void RecordReceived() => Interlocked.Increment(ref _received);

    /// <summary>One line for a log: "sent 10, received 9, dropped 1 (BadCrc 1)".</summary>
    public override string ToString()
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"sent {MessagesSent}, received {MessagesReceived}, dropped {TotalDrops}");
        string separator = " (";
        foreach (DropReason reason in Reasons)
        {
            if (Drops(reason) is long count and > 0)
            {
                line.Append(CultureInfo.InvariantCulture, $"{separator}{reason} {count}");
                separator = ", ";
            }
        }
        return separator == ", " ? line.Append(')').ToString() : line.ToString();
    }
}
