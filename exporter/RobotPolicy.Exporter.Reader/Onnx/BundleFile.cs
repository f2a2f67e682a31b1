using Google.Protobuf;
using RobotPolicy.Bundle;
using RobotPolicy.Exporter.Onnx.Proto;

namespace RobotPolicy.Exporter.Onnx;

/// <summary>
/// A policy bundle read back from disk with the exporter's own ONNX reader (no ONNX Runtime involved): what
/// `inspect` prints and where the reference forward for `bench infer` comes from.
/// </summary>
public sealed class BundleFile
{
    private readonly ModelProto _model;

    private BundleFile(string path, ModelProto model, PolicyMetadata metadata, BundleHashCheck hash)
    {
        Path = path;
        _model = model;
        Metadata = metadata;
        Hash = hash;
    }

    public string Path { get; }

    public PolicyMetadata Metadata { get; }

    public long IrVersion => _model.IrVersion;

    public string Producer => $"{_model.ProducerName} {_model.ProducerVersion}".Trim();

    /// <summary>Opset of the default (ai.onnx) domain.</summary>
    public long Opset => _model.OpsetImport.FirstOrDefault(o => string.IsNullOrEmpty(o.Domain))?.Version ?? 0;

    public IReadOnlyList<TensorSignature> Inputs => _model.Graph.Input.Select(TensorSignature.From).ToList();

    public IReadOnlyList<TensorSignature> Outputs => _model.Graph.Output.Select(TensorSignature.From).ToList();

    public int NodeCount => _model.Graph.Node.Count;

    public long ParameterCount => _model.Graph.Initializer.Sum(t => t.Dims.Aggregate(1L, (a, d) => a * d));

    /// <summary>The weights hash recomputed from the file, against <see cref="PolicyMetadata.WeightsSha256"/>.</summary>
    public BundleHashCheck Hash { get; }

    public string ComputedWeightsSha256 => Hash.Computed;

    public bool WeightsHashMatches => Hash.Matches;

    public static BundleFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new BundleFormatException(Directory.Exists(path)
                ? $"{path} is a directory; give the policy bundle (.onnx) in it"
                : $"{path}: policy bundle not found");
        }
        return Parse(File.ReadAllBytes(path), path);
    }

    public static BundleFile Parse(byte[] bytes, string path)
    {
        var model = ParseModel(bytes, path);
        var entry = model.MetadataProps.FirstOrDefault(p => p.Key == PolicyMetadata.MetadataKey)
            ?? throw new BundleFormatException(
                $"{path}: no '{PolicyMetadata.MetadataKey}' entry in metadata_props; this ONNX file was not exported by robotpolicy");
        var metadata = PolicyMetadataJson.Parse(entry.Value, path);
        return new BundleFile(path, model, metadata, BundleIntegrity.Check(bytes, metadata, path));
    }

    /// <summary>Rebuilds the policy from the graph's nodes and initializers (only graphs `robotpolicy export` wrote).</summary>
    public Model.MlpPolicy ToPolicy() => GraphToPolicy.Rebuild(_model.Graph, Metadata, Path);

    internal static ModelProto ParseModel(byte[] bytes, string path)
    {
        if (bytes.Length == 0)
        {
            throw new BundleFormatException($"{path}: file is empty, not an ONNX model");
        }
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new BundleFormatException($"{path}: not a valid ONNX model (truncated or corrupt protobuf: {e.Message})", e);
        }
        if (model.Graph is null || model.IrVersion == 0)
        {
            throw new BundleFormatException($"{path}: not a valid ONNX model (no ir_version or no graph)");
        }
        return model;
    }
}

/// <summary>A graph input or output: name, element type, and dimensions (symbolic ones by name).</summary>
public sealed record TensorSignature(string Name, string ElementType, IReadOnlyList<string> Dims)
{
    public override string ToString() => $"{Name} {ElementType}[{string.Join(", ", Dims)}]";

    internal static TensorSignature From(ValueInfoProto v)
    {
        var t = v.Type?.TensorType;
        string elem = t is null ? "?" : ((TensorProto.Types.DataType)t.ElemType).ToString().ToLowerInvariant();
        var dims = t?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue
            ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : d.DimParam).ToList() ?? [];
        return new TensorSignature(v.Name, elem, dims);
    }
}
