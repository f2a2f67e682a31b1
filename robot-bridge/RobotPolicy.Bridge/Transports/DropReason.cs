namespace RobotPolicy.Bridge.Transports;

/// <summary>Why a received frame or datagram was dropped instead of delivered, for <see cref="TransportStatistics"/>.</summary>
public enum DropReason
{
    /// <summary>Too short to hold the 4-byte CRC trailer: noise, not a message.</summary>
    TooShort,

    /// <summary>The CRC-32C trailer does not match: bytes were changed on the way.</summary>
    BadCrc,

    /// <summary>A stream frame ended inside a COBS block: bytes were lost on the way.</summary>
    Truncated,

    /// <summary>Longer than the receiver's buffer or the transport's largest message.</summary>
    Oversized,

    /// <summary>The receive queue was full (in-process and stream transports; the kernel drops UDP's unseen).</summary>
    QueueFull,

    /// <summary>A UDP datagram from an address other than the peer's.</summary>
    UnknownSender,

    /// <summary>Intact, but not a message of the protocol (counted by <see cref="Messages.MessageDispatcher"/>).</summary>
    Malformed,

    /// <summary>Intact, but a message type this version does not know.</summary>
    UnknownMessageType,

    /// <summary>Intact, but of a newer protocol version than this side reads.</summary>
    NewerProtocolVersion,
}
