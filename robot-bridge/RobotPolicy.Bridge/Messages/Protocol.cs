namespace RobotPolicy.Bridge.Messages;

/// <summary>
/// The bridge protocol's version, carried in every message under "v". A peer adds fields without a new version
/// (readers skip keys they do not know); a change an old reader would misread, or a new message type, gets a new
/// one, and an old reader refuses messages of a newer version instead of guessing. Each message is written with
/// the version that introduced its type, so a peer of an older version reads every message it knows.
/// </summary>
public static class Protocol
{
    /// <summary>The newest version this code reads (and writes, for the types that version introduced).</summary>
    public const int Version = 2;

    /// <summary>
    /// The version a message of <paramref name="type"/> is written with: 1 for the first six types, 2 for
    /// <see cref="MessageType.Goodbye"/>, which version 2 added.
    /// </summary>
    public static int VersionOf(MessageType type) => type == MessageType.Goodbye ? 2 : 1;
}
