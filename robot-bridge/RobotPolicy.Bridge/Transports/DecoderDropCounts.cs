using RobotPolicy.Bridge.Framing;

namespace RobotPolicy.Bridge.Transports;

/// <summary>
/// Carries a <see cref="FrameDecoder"/>'s drop counters into <see cref="TransportStatistics"/> as they grow, so a
/// stream transport reports its bad frames under the same reasons as the datagram transports.
/// </summary>
internal sealed class DecoderDropCounts
{
    private long _oversized;
    private long _truncated;
    private long _badCrc;
    private long _garbage;

    /// <summary>Adds what <paramref name="decoder"/> counted since the last call.</summary>
    public void MoveInto(FrameDecoder decoder, TransportStatistics statistics)
    {
        statistics.RecordDrops(DropReason.Oversized, decoder.OversizedFrames - _oversized);
        statistics.RecordDrops(DropReason.Truncated, decoder.TruncatedFrames - _truncated);
        statistics.RecordDrops(DropReason.BadCrc, decoder.BadCrcFrames - _badCrc);
        statistics.RecordDrops(DropReason.TooShort, decoder.GarbageFrames - _garbage);
        _oversized = decoder.OversizedFrames;
        _truncated = decoder.TruncatedFrames;
        _badCrc = decoder.BadCrcFrames;
        _garbage = decoder.GarbageFrames;
    }
}
