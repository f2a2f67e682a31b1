namespace RobotPolicy.Bridge.Messages;

/// <summary>Why a message that arrived intact (its CRC matched) could not be read.</summary>
public enum ProtocolErrorKind
{
    /// <summary>Not a message of this protocol: not a map, a field missing or of the wrong type, a bad value.</summary>
    Malformed,

    /// <summary>A type tag this version does not know.</summary>
    UnknownMessageType,

    /// <summary>A protocol version newer than <see cref="Protocol.Version"/>: this side needs updating.</summary>
    NewerProtocolVersion,
}
