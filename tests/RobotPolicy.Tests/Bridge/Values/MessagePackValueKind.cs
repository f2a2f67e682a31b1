namespace RobotPolicy.Tests.Bridge.Values;

/// <summary>What a <see cref="MessagePackValue"/> holds. Integers are one kind whatever their width on the wire.</summary>
public enum MessagePackValueKind
{
    Nil,
    Boolean,
    Integer,
    Float32,
    Float64,
    String,
    Binary,
    Array,
    Map,
    /// <summary>An extension other than the timestamp.</summary>
    Extension,
    Timestamp,
}
