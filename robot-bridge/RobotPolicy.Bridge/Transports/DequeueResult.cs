namespace RobotPolicy.Bridge.Transports;

/// <summary>What <see cref="BoundedMessageQueue.TryDequeue"/> found.</summary>
internal enum DequeueResult
{
    Delivered,
    TimedOut,
    TooLong,
    Closed,
}
