namespace RobotPolicy.Bundle;

/// <summary>
/// What a value of a .NET primitive type is, in a user's words, for messages that libraries write with type names
/// (System.Text.Json's "could not be converted to System.Int64", System.CommandLine's "expected type 'System.Int64'").
/// </summary>
public static class DotNetTypeWords
{
    /// <summary>"a whole number", "a number", "a string" or "true or false"; null for any other type.</summary>
    public static string? OfPrimitive(string typeName) => typeName switch
    {
        "System.String" => "a string",
        "System.Boolean" => "true or false",
        "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" or "System.Byte" => "a whole number",
        "System.Single" or "System.Double" or "System.Decimal" => "a number",
        _ => null,
    };
}
