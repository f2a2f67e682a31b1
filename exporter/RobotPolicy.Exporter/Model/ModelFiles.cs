using RobotPolicy.Checkpoint.Model;
using RobotPolicy.Checkpoint.Safetensors;

namespace RobotPolicy.Exporter.Model;

/// <summary>Reads and writes a policy as files: model.json plus the safetensors weights it names.</summary>
public static class ModelFiles
{
    public const string DescriptionFileName = ModelDescriptionFiles.DescriptionFileName;

    /// <summary>Loads model.json (or a folder holding one) and its weights into an <see cref="MlpPolicy"/>.</summary>
    public static MlpPolicy Load(string descriptionOrFolder)
    {
        string path = Directory.Exists(descriptionOrFolder) ? Path.Combine(descriptionOrFolder, DescriptionFileName) : descriptionOrFolder;
        var description = ModelDescriptionJson.Load(path);
        string weights = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, description.Weights);
        if (!File.Exists(weights))
        {
            throw new ExportException($"{path}: field 'weights' names {description.Weights}, which does not exist ({weights})");
        }
        return MlpPolicyLoader.Load(description, new SafetensorsTensorSource(SafetensorsFile.Read(weights)), path);
    }

    /// <summary>Writes model.json and its weights into <paramref name="folder"/> (each file atomically).</summary>
    public static string Save(string folder, ModelDescription description, ITensorSource tensors) =>
        ModelDescriptionFiles.Save(folder, description, tensors.Names.Select(name =>
        {
            var (values, shape) = tensors.Get(name);
            return (name, shape.Select(d => (long)d).ToArray(), values);
        }));
}
