using Google.Protobuf;
using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Exporter.Onnx.Proto;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Edits of the example bundle's graph the way a tool outside the toolkit would make them, metadata untouched:
/// each one changes what the policy computes, so the weights hash must catch it.
/// </summary>
internal static class BundleTampering
{
    /// <summary>layer0's weights moved from raw_data into float_data, every value changed by <paramref name="delta"/> (0: same values).</summary>
    public static string WeightsIntoFloatData(string destination, float delta) => Edit(destination, graph =>
    {
        var w = graph.Initializer.Single(t => t.Name == "layer0/weight");
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(w.RawData.Span).ToArray();
        w.ClearRawData();
        w.FloatData.AddRange(values.Select(v => v + delta));
    });

    /// <summary>layer2's Gemm gains alpha = 1.5 (its product scaled).</summary>
    public static string GemmAlpha(string destination) => Edit(destination, graph =>
    {
        var gemm = graph.Node.Single(n => n.Name == "layer2/gemm");
        gemm.Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 1.5f });
    });

    /// <summary>The action clip's Max and Min nodes swapped (low bound applied as a ceiling and the high as a floor).</summary>
    public static string SwappedClipNodes(string destination) => Edit(destination, graph =>
    {
        var low = graph.Node.Single(n => n.Name == "action/clip_low");
        var high = graph.Node.Single(n => n.Name == "action/clip_high");
        (low.OpType, high.OpType) = (high.OpType, low.OpType);
    });

    private static string Edit(string destination, Action<GraphProto> edit)
    {
        var (source, _) = Bundles.Example;
        var model = BundleFile.ParseModel(File.ReadAllBytes(source), source);
        edit(model.Graph);
        File.WriteAllBytes(destination, model.ToByteArray());
        return destination;
    }
}
