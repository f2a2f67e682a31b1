using System.Text.Json;
using System.Text.RegularExpressions;

namespace RobotPolicy.Bundle;

/// <summary>
/// Turns a System.Text.Json error into one readable clause: what is wrong, at which path and line, in the words of
/// the file's format rather than .NET's (System.Text.Json names the C# types it was filling: "could not be converted
/// to RobotPolicy.Checkpoint.Model.ModelDescription", "System.Collections.Generic.List`1[...]").
/// </summary>
public static partial class JsonErrorText
{
    public static string Describe(JsonException e)
    {
        string where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
        string line = e.LineNumber is long l ? $" (line {l + 1})" : "";
        // The library's messages repeat the path and position after " Path:"; the first sentence is the useful part.
        string message = e.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return $"{Plain(cut > 0 ? message[..cut] : message)}{where}{line}";
    }

    /// <summary>The library's sentence without .NET type names.</summary>
    public static string Plain(string message)
    {
        string text = message.Trim().TrimEnd('.');
        if (CannotConvert().Match(text) is { Success: true } convert)
        {
            return $"expected {Kind(convert.Groups["type"].Value)}";
        }
        if (MissingRequired().Match(text) is { Success: true } missing)
        {
            return $"missing required fields {missing.Groups["names"].Value}";
        }
        // Anything else the library says about a type: name the value, not the type.
        return TypeName().Replace(text, "the value");
    }

    /// <summary>What a JSON value of the .NET type is, in JSON's words.</summary>
    private static string Kind(string type) => DotNetTypeWords.OfPrimitive(type) ?? type switch
    {
        _ when type.EndsWith("[]", StringComparison.Ordinal) || type.Contains("List`1", StringComparison.Ordinal) || type.Contains("Enumerable`1", StringComparison.Ordinal) => "an array",
        _ when type.StartsWith("System.Nullable`1[", StringComparison.Ordinal) => Kind(type["System.Nullable`1[".Length..^1]) + " or null",
        _ => "a JSON object",
    };

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>\S+)$")]
    private static partial Regex CannotConvert();

    [GeneratedRegex(@"^JSON deserialization for type '[^']+' was missing required properties(?: including)?: (?<names>.+)$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"'?\b(?:System|RobotPolicy)\.[\w.`\[\],]+'?")]
    private static partial Regex TypeName();
}
