using System.Runtime.CompilerServices;

namespace RobotPolicy.Bridge.MessagePack;

/// <summary>The reader's exceptions, built out of line so the read paths stay small enough to inline.</summary>
internal static class MessagePackErrors
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MessagePackFormatException Truncated(int offset, string expected, int remaining) =>
        new(offset, expected, remaining switch
        {
            0 => "the end of the buffer",
            1 => "the end of the buffer (1 byte left)",
            _ => $"the end of the buffer ({remaining} bytes left)",
        });

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MessagePackFormatException WrongType(int offset, string expected, byte code) =>
        new(offset, expected, $"{MessagePackCode.Name(code)} (0x{code:x2})");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MessagePackFormatException OutOfRange(int offset, string typeName, byte code, string value) =>
        new(offset, $"an integer that fits {typeName}", $"{MessagePackCode.Name(code)} {value}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MessagePackFormatException Malformed(int offset, string expected, string found) => new(offset, expected, found);
}
