using System.Text;

namespace RobotPolicy.Bridge.Messages;

/// <summary>Sizes of the free-text fields of estop and fault messages.</summary>
internal static class TextField
{
    /// <summary>"text" and a str of <paramref name="text"/>'s UTF-8 (nothing when null).</summary>
    public static int MaxLength(string? text) =>
        text is null ? 0 : 5 + 5 + Encoding.UTF8.GetByteCount(text);
}
