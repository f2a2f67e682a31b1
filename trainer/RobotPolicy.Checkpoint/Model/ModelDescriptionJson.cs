using System.Text.Json;
using System.Text.Json.Serialization;
using RobotPolicy.Bundle;

namespace RobotPolicy.Checkpoint.Model;

/// <summary>Reads and writes model.json (snake_case, source-generated so it works under NativeAOT).</summary>
public static class ModelDescriptionJson
{
    public static string Serialize(ModelDescription description) =>
        JsonSerializer.Serialize(description, ModelDescriptionJsonContext.Default.ModelDescription);

    public static ModelDescription Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CheckpointFormatException($"{path}: model description not found");
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static ModelDescription Parse(string json, string source)
    {
        ModelDescription? description;
        try
        {
            description = JsonSerializer.Deserialize(json, ModelDescriptionJsonContext.Default.ModelDescription);
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException($"{source}: invalid model description: {JsonErrorText.Describe(e)}", e);
        }
        if (description is null)
        {
            throw new CheckpointFormatException($"{source}: model description is JSON null");
        }
        if (description.SchemaVersion != ModelDescription.CurrentSchemaVersion)
        {
            throw new CheckpointFormatException(
                $"{source}: field 'schema_version' is {description.SchemaVersion}; this robotpolicy reads version {ModelDescription.CurrentSchemaVersion}");
        }
        return description;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelDescription))]
internal sealed partial class ModelDescriptionJsonContext : JsonSerializerContext;
