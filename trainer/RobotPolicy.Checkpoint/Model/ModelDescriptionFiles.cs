using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Checkpoint.Safetensors;

namespace RobotPolicy.Checkpoint.Model;

/// <summary>Writes a policy as the exporter reads it: model.json plus the safetensors file it names, each atomically.</summary>
public static class ModelDescriptionFiles
{
    public const string DescriptionFileName = "model.json";

    /// <summary>Writes both files into <paramref name="folder"/>; returns the model.json path.</summary>
    public static string Save(string folder, ModelDescription description, IEnumerable<(string Name, long[] Shape, float[] Values)> tensors)
    {
        Directory.CreateDirectory(folder);
        var writer = new SafetensorsWriter();
        foreach (var (name, shape, values) in tensors)
        {
            writer.AddFloat32(name, shape, values);
        }
        writer.Save(Path.Combine(folder, description.Weights));
        string path = Path.Combine(folder, DescriptionFileName);
        AtomicFile.WriteAllText(path, ModelDescriptionJson.Serialize(description));
        return path;
    }
}
