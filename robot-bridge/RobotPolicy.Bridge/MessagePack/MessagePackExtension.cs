namespace RobotPolicy.Bridge.MessagePack;

/// <summary>Extension types the spec itself assigns (-128 to -1 are reserved for it; applications use 0 to 127).</summary>
public static class MessagePackExtension
{
    /// <summary>The timestamp extension, <see cref="MessagePackTimestamp"/>.</summary>
    public const sbyte TimestampType = -1;
}
