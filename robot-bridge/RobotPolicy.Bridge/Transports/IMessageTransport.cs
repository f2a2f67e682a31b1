namespace RobotPolicy.Bridge.Transports;

/// <summary>
/// Carries whole messages (encoded MessagePack, see <see cref="Messages"/>) between the runtime and the robot. The
/// transport adds and checks its own framing (a CRC trailer, COBS for byte streams); a caller sends and receives the
/// bare message bytes. Sending and receiving allocate nothing. One thread may send while another receives.
/// </summary>
public interface IMessageTransport : IDisposable
{
    /// <summary>Where this transport talks to, for logs (for example "udp://127.0.0.1:9870").</summary>
    string Description { get; }

    /// <summary>The longest message this transport carries; <see cref="Send"/> refuses longer ones.</summary>
    int MaxMessageLength { get; }

    /// <summary>Counts of messages sent, received and dropped by reason.</summary>
    TransportStatistics Statistics { get; }

    /// <summary>Sends one message. Throws <see cref="ArgumentException"/> when it is longer than <see cref="MaxMessageLength"/>.</summary>
    void Send(ReadOnlySpan<byte> message);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> (zero: only what has already arrived; <see cref="Timeout.InfiniteTimeSpan"/>:
    /// no limit) for the next intact message and copies it into <paramref name="destination"/>. Returns false when
    /// the time ran out. Corrupted frames, and messages longer than <paramref name="destination"/>, are counted in
    /// <see cref="Statistics"/> and skipped while the wait goes on.
    /// </summary>
    bool TryReceive(Span<byte> destination, TimeSpan timeout, out int length);
}
