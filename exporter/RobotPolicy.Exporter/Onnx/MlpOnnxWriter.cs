using RobotPolicy.Bundle;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Exporter.Onnx.Proto;

namespace RobotPolicy.Exporter.Onnx;

/// <summary>
/// Writes an <see cref="MlpPolicy"/> as an ONNX graph: obs -> normalize -> layers -> scale/offset/clip -> actions.
/// Normalization and action post-processing are nodes of the graph, so no deploy code can forget them.
/// </summary>
internal static class MlpOnnxWriter
{
    public static ModelProto Build(MlpPolicy policy)
    {
        var graph = new GraphProto { Name = OnnxNames.GraphName };
        var g = new OnnxGraphBuilder(graph);
        graph.Input.Add(OnnxGraphBuilder.BatchedFloat(PolicyMetadata.ObservationInputName, OnnxNames.BatchDim, policy.InputDim));
        graph.Output.Add(OnnxGraphBuilder.BatchedFloat(PolicyMetadata.ActionOutputName, OnnxNames.BatchDim, policy.ActionDim));

        string x = PolicyMetadata.ObservationInputName;
        if (policy.Normalizer is { } norm)
        {
            x = WriteNormalizer(g, norm, x);
        }
        for (int i = 0; i < policy.Layers.Count; i++)
        {
            x = WriteLayer(g, policy.Layers[i], $"{OnnxNames.LayerPrefix}{i}/", x);
        }
        WriteActionPostProcessing(g, policy.Action, x);

        var model = new ModelProto
        {
            IrVersion = OnnxNames.IrVersion,
            ProducerName = OnnxNames.Producer,
            ProducerVersion = ExporterVersion.Value,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxNames.Opset });
        return model;
    }

    private static string WriteNormalizer(OnnxGraphBuilder g, ObservationNormalizer norm, string x)
    {
        string p = OnnxNames.NormalizePrefix;
        long n = norm.Mean.Length;
        x = g.Node("Sub", p + "sub", p + "centered", [x, g.Initializer(p + "mean", norm.Mean, n)]);
        x = g.Node("Div", p + "div", p + "scaled", [x, g.Initializer(p + "std", norm.Std, n)]);
        if (norm.Clip is float c)
        {
            x = g.Node("Clip", p + "clip", p + "clipped", [x, g.Scalar(p + "clip_min", -c), g.Scalar(p + "clip_max", c)]);
        }
        return x;
    }

    private static string WriteLayer(OnnxGraphBuilder g, MlpLayer layer, string p, string x) => layer switch
    {
        LinearLayer l => g.Node("Gemm", p + "gemm", p + "out",
            [x, g.Initializer(p + "weight", l.Weight, l.Out, l.In), g.Initializer(p + "bias", l.Bias, l.Out)],
            OnnxGraphBuilder.Int("transB", 1)),
        ActivationLayer { Kind: ActivationKind.Relu } => g.Node("Relu", p + "relu", p + "out", [x]),
        ActivationLayer { Kind: ActivationKind.Tanh } => g.Node("Tanh", p + "tanh", p + "out", [x]),
        ActivationLayer { Kind: ActivationKind.Elu } a => g.Node("Elu", p + "elu", p + "out", [x], OnnxGraphBuilder.Float("alpha", a.Alpha)),
        // Opset 17 has no SiLU operator: x * sigmoid(x).
        ActivationLayer { Kind: ActivationKind.Silu } => g.Node("Mul", p + "silu_mul", p + "out", [x, g.Node("Sigmoid", p + "silu_sigmoid", p + "sigmoid", [x])]),
        LayerNormLayer ln => g.Node("LayerNormalization", p + "layer_norm", p + "out",
            [x, g.Initializer(p + "scale", ln.Scale, ln.Dim), g.Initializer(p + "bias", ln.Bias, ln.Dim)],
            OnnxGraphBuilder.Int("axis", -1), OnnxGraphBuilder.Float("epsilon", ln.Epsilon)),
        L2NormalizeLayer l2 => WriteL2Normalize(g, l2, p, x),
        _ => throw new ExportException($"layer type {layer.GetType().Name} has no ONNX export"),
    };

    // x / max(‖x‖₂, eps) over the last axis. Opset 17's ReduceL2 takes its axes as an attribute (an input from
    // opset 18 on); keepdims leaves the norm [batch, 1] so Div broadcasts it over the row.
    private static string WriteL2Normalize(OnnxGraphBuilder g, L2NormalizeLayer l2, string p, string x)
    {
        string norm = g.Node("ReduceL2", p + "l2_norm", p + "norm", [x], OnnxGraphBuilder.Ints("axes", -1), OnnxGraphBuilder.Int("keepdims", 1));
        string floored = g.Node("Max", p + "l2_floor", p + "floored_norm", [norm, g.Scalar(p + "epsilon", l2.Epsilon)]);
        return g.Node("Div", p + "l2_div", p + "out", [x, floored]);
    }

    private static void WriteActionPostProcessing(OnnxGraphBuilder g, ActionSpec a, string x)
    {
        string p = OnnxNames.ActionPrefix;
        long n = a.Names.Count;
        x = g.Node("Mul", p + "scale", p + "scaled", [x, g.Initializer(p + "scale", a.Scale, n)]);
        x = g.Node("Add", p + "offset", p + "offset_out", [x, g.Initializer(p + "offset", a.Offset, n)]);
        x = g.Node("Max", p + "clip_low", p + "low_clipped", [x, g.Initializer(p + "clip_low", a.ClipLow, n)]);
        g.Node("Min", p + "clip_high", PolicyMetadata.ActionOutputName, [x, g.Initializer(p + "clip_high", a.ClipHigh, n)]);
    }
}
