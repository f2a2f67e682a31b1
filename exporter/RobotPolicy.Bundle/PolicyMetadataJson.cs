using System.Text.Json;
using System.Text.Json.Serialization;

namespace RobotPolicy.Bundle;

/// <summary>Reads and writes <see cref="PolicyMetadata"/> as snake_case JSON (source-generated: works under NativeAOT).</summary>
public static class PolicyMetadataJson
{
    public static string Serialize(PolicyMetadata metadata) =>
        JsonSerializer.Serialize(metadata, PolicyMetadataJsonContext.Default.PolicyMetadata);

    /// <summary>Parses and validates; <paramref name="source"/> names the file in every error.</summary>
    public static PolicyMetadata Parse(string json, string source)
    {
        PeekSchemaVersion(json, source);
        PolicyMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize(json, PolicyMetadataJsonContext.Default.PolicyMetadata);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException($"{source}: metadata '{PolicyMetadata.MetadataKey}' is invalid: {JsonErrorText.Describe(e)}", e);
        }
        if (metadata is null)
        {
            throw new BundleFormatException($"{source}: metadata '{PolicyMetadata.MetadataKey}' is JSON null");
        }
        PolicyMetadataValidator.Validate(metadata, source);
        return metadata;
    }

    // The version is checked first and alone, so that a newer file gets "update robotpolicy" rather than a
    // confusing complaint about a field this version has never heard of.
    private static void PeekSchemaVersion(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException($"{source}: metadata '{PolicyMetadata.MetadataKey}' is not valid JSON: {JsonErrorText.Describe(e)}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BundleFormatException($"{source}: metadata '{PolicyMetadata.MetadataKey}' must be a JSON object, found {doc.RootElement.ValueKind}");
            }
            if (!doc.RootElement.TryGetProperty("schema_version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out int v))
            {
                throw new BundleFormatException($"{source}: metadata field 'schema_version' is missing or not an integer");
            }
            if (v > PolicyMetadata.CurrentSchemaVersion)
            {
                throw new BundleFormatException(
                    $"{source}: metadata schema_version {v} is newer than this robotpolicy reads ({PolicyMetadata.CurrentSchemaVersion}); update robotpolicy");
            }
            if (v < 1)
            {
                throw new BundleFormatException($"{source}: metadata schema_version {v} is not a valid version (expected 1..{PolicyMetadata.CurrentSchemaVersion})");
            }
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(PolicyMetadata))]
internal sealed partial class PolicyMetadataJsonContext : JsonSerializerContext;
