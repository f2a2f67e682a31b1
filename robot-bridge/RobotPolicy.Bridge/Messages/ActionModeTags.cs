namespace RobotPolicy.Bridge.Messages;

/// <summary>Each <see cref="ActionMode"/>'s word on the wire (and in telemetry logs), and back (a byte comparison, no
/// allocation).</summary>
public static class ActionModeTags
{
    /// <summary>Bytes the longest word takes as a MessagePack str ("damping": a fixstr header and 7 bytes).</summary>
    public const int MaxLength = 8;

    public static ReadOnlySpan<byte> Utf8(ActionMode mode) => mode switch
    {
        ActionMode.Normal => "normal"u8,
        ActionMode.Hold => "hold"u8,
        ActionMode.Damping => "damping"u8,
        ActionMode.Safe => "safe"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not an action mode"),
    };

    public static bool TryParse(ReadOnlySpan<byte> word, out ActionMode mode)
    {
        for (mode = ActionMode.Normal; mode <= ActionMode.Safe; mode++)
        {
            if (word.SequenceEqual(Utf8(mode)))
            {
                return true;
            }
        }
        mode = default;
        return false;
    }
}
