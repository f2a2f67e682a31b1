using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace RobotPolicy.Bridge.Messages;

/// <summary>The message readers' exceptions, built out of line so their text is made only when something is wrong.</summary>
internal static class MessageErrors
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProtocolException NoVersion() =>
        new(ProtocolErrorKind.Malformed, "not a bridge message: the map has no protocol version ('v')");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProtocolException NoType() =>
        new(ProtocolErrorKind.Malformed, "not a bridge message: the map has no type tag ('t')");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProtocolException VersionZero() =>
        new(ProtocolErrorKind.Malformed, "protocol version 0 does not exist; versions start at 1");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProtocolException NewerVersion(ulong version) =>
        new(ProtocolErrorKind.NewerProtocolVersion,
            $"the peer speaks protocol version {version}; this robotpolicy speaks up to {Protocol.Version}: update robotpolicy");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProtocolException UnknownType(ReadOnlySpan<byte> tag) =>
        new(ProtocolErrorKind.UnknownMessageType,
            $"unknown message type '{Printable(tag)}'; protocol version {Protocol.Version} has {MessageTypeTags.AllNames}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProtocolException WrongType(MessageType expected, MessageType found) =>
        new(ProtocolErrorKind.Malformed, $"expected {Quoted(expected)} message, found {Quoted(found)} message");

    /// <summary>Throws <see cref="Missing"/> unless a required key was read (the check inlines; the text is built only on failure).</summary>
    public static void Require([DoesNotReturnIf(false)] bool present, MessageType type, string key)
    {
        if (!present)
        {
            throw Missing(type, key);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProtocolException Missing(MessageType type, string key) =>
        new(ProtocolErrorKind.Malformed, $"{Quoted(type)} message without '{key}'");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProtocolException TooManyValues(MessageType type, string key, int count, int capacity) =>
        new(ProtocolErrorKind.Malformed, $"{Quoted(type)} message with {count} '{key}'; the receiver holds {capacity}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProtocolException BadValue(MessageType type, string key, string problem) =>
        new(ProtocolErrorKind.Malformed, $"{Quoted(type)} message whose '{key}' {problem}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProtocolException TrailingBytes(MessageType type, long count) =>
        new(ProtocolErrorKind.Malformed, $"{Quoted(type)} message followed by {count} more bytes; one message fills a datagram or frame");

    /// <summary>The type's tag in quotes after its article: "a 'sensor'", "an 'action'".</summary>
    private static string Quoted(MessageType type)
    {
        string name = MessageTypeTags.Name(type);
        return $"{("aeiou".Contains(name[0], StringComparison.Ordinal) ? "an" : "a")} '{name}'";
    }

    /// <summary>Peer-supplied bytes for an error message: decoded as UTF-8 (replacing what is not), control characters escaped, cut at 40.</summary>
    public static string Printable(ReadOnlySpan<byte> utf8)
    {
        string text = Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, 160)]);
        var builder = new StringBuilder();
        foreach (char c in text.Length > 40 ? text[..40] : text)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }
        return text.Length > 40 ? builder.Append('…').ToString() : builder.ToString();
    }
}
