namespace RobotPolicy.Runtime.Diagnostics;

/// <summary>
/// One non-empty slot of a <see cref="LatencyHistogram"/>: how many recorded values fell in
/// <see cref="LowestValueNs"/> ..= <see cref="HighestValueNs"/> (both inclusive, nanoseconds).
/// </summary>
public readonly record struct LatencyBucket(long LowestValueNs, long HighestValueNs, long Count);
