namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// The bridge protocol's version, carried in every message under "v". A peer adds fields without a new version
/// (readers skip keys they do not know); a change an old reader would misread gets a new one, and an old reader
/// refuses messages of a newer version instead of guessing.
/// </summary>
public static class Protocol
{
    /// <summary>The version this code writes and the newest it reads.</summary>
    public const int Version = 1;
}
