using Google.Protobuf;
using RobotPolicy.Bundle;
using RobotPolicy.Exporter.Onnx;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>Makes deliberately broken copies of the example bundle, the way a hand edit or a bad tool would.</summary>
internal static class BundleEditing
{
    public static string WithMetadata(string destination, Func<string, string> edit)
    {
        var (source, _) = Bundles.Example;
        var model = BundleFile.ParseModel(File.ReadAllBytes(source), source);
        var entry = model.MetadataProps.Single(p => p.Key == PolicyMetadata.MetadataKey);
        string edited = edit(entry.Value);
        Assert.NotEqual(entry.Value, edited);
        entry.Value = edited;
        File.WriteAllBytes(destination, model.ToByteArray());
        return destination;
    }
}
