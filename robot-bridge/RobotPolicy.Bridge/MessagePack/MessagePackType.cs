namespace RobotPolicy.Bridge.MessagePack;

/// <summary>The kind of the next value, whatever its width on the wire.</summary>
public enum MessagePackType
{
    /// <summary>0xc1, which the spec reserves and never uses.</summary>
    Unknown,
    Nil,
    Boolean,
    Integer,
    Float,
    String,
    Binary,
    Array,
    Map,
    /// <summary>Any ext or fixext, including the timestamp extension (type -1).</summary>
    Extension,
}
