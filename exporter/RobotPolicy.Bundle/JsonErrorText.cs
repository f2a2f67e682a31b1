using System.Text.Json;

namespace RobotPolicy.Bundle;

/// <summary>Turns a System.Text.Json error into one readable clause: what is wrong, at which path and line.</summary>
public static class JsonErrorText
{
    public static string Describe(JsonException e)
    {
        string where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
        string line = e.LineNumber is long l ? $" (line {l + 1})" : "";
        // The library's messages repeat the path and position after " Path:"; the first sentence is the useful part.
        string message = e.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return $"{(cut > 0 ? message[..cut] : message)}{where}{line}";
    }
}
