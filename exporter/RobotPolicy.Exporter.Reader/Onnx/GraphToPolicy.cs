using System.Runtime.InteropServices;
using RobotPolicy.Bundle;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Exporter.Onnx.Proto;

namespace RobotPolicy.Exporter.Onnx;

/// <summary>
/// Rebuilds an <see cref="MlpPolicy"/> from a graph <see cref="MlpOnnxWriter"/> wrote, walking its nodes in order.
/// Anything else (a graph from another tool, or edited by hand) is refused with the node that did not fit.
/// </summary>
internal static class GraphToPolicy
{
    public static MlpPolicy Rebuild(GraphProto graph, PolicyMetadata metadata, string path)
    {
        var init = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        float[] Floats(string name)
        {
            if (!init.TryGetValue(name, out var t) || t.DataType != (int)TensorProto.Types.DataType.Float)
            {
                throw new BundleFormatException($"{path}: graph input '{name}' is not a float initializer");
            }
            return t.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray() : t.FloatData.ToArray();
        }
        long[] Dims(string name) => init[name].Dims.ToArray();
        Exception Unexpected(NodeProto n) => new BundleFormatException(
            $"{path}: node '{n.Name}' ({n.OpType}) is not part of a graph robotpolicy exports; no reference forward for this bundle");

        var nodes = graph.Node;
        int i = 0;
        ObservationNormalizer? normalizer = null;
        if (i < nodes.Count && nodes[i].Name.StartsWith(OnnxNames.NormalizePrefix, StringComparison.Ordinal))
        {
            var sub = nodes[i++];
            var div = nodes[i++];
            float? clip = null;
            if (i < nodes.Count && nodes[i].Name == OnnxNames.NormalizePrefix + "clip")
            {
                clip = Floats(nodes[i++].Input[2])[0];
            }
            normalizer = new ObservationNormalizer(Floats(sub.Input[1]), Floats(div.Input[1]), clip);
        }

        var layers = new List<MlpLayer>();
        while (i < nodes.Count && nodes[i].Name.StartsWith(OnnxNames.LayerPrefix, StringComparison.Ordinal))
        {
            var n = nodes[i++];
            switch (n.OpType)
            {
                case "Gemm":
                    var w = Dims(n.Input[1]);
                    layers.Add(new LinearLayer((int)w[1], (int)w[0], Floats(n.Input[1]), Floats(n.Input[2])));
                    break;
                case "Relu": layers.Add(new ActivationLayer(ActivationKind.Relu)); break;
                case "Tanh": layers.Add(new ActivationLayer(ActivationKind.Tanh)); break;
                case "Elu":
                    layers.Add(new ActivationLayer(ActivationKind.Elu, n.Attribute.FirstOrDefault(a => a.Name == "alpha")?.F ?? 1f));
                    break;
                case "Sigmoid" when i < nodes.Count && nodes[i].OpType == "Mul":
                    i++;
                    layers.Add(new ActivationLayer(ActivationKind.Silu));
                    break;
                // L2-normalize: ReduceL2 -> Max(norm, epsilon) -> Div, as MlpOnnxWriter writes it.
                case "ReduceL2" when i + 1 < nodes.Count && nodes[i].OpType == "Max" && nodes[i + 1].OpType == "Div":
                    layers.Add(new L2NormalizeLayer(Floats(nodes[i].Input[1])[0]));
                    i += 2;
                    break;
                case "LayerNormalization":
                    var scale = Floats(n.Input[1]);
                    layers.Add(new LayerNormLayer(scale.Length, scale, Floats(n.Input[2]),
                        n.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f));
                    break;
                default:
                    throw Unexpected(n);
            }
        }

        // Action post-processing: scale, offset, clip_low, clip_high, in that order.
        string[] expected = ["scale", "offset", "clip_low", "clip_high"];
        var action = new float[expected.Length][];
        for (int k = 0; k < expected.Length; k++, i++)
        {
            if (i >= nodes.Count || nodes[i].Name != OnnxNames.ActionPrefix + expected[k])
            {
                throw i < nodes.Count ? Unexpected(nodes[i])
                    : new BundleFormatException($"{path}: graph ends before its action post-processing ({OnnxNames.ActionPrefix}{expected[k]})");
            }
            action[k] = Floats(nodes[i].Input[1]);
        }
        if (i != nodes.Count)
        {
            throw Unexpected(nodes[i]);
        }

        // The numbers come from the graph (what actually runs); the meaning comes from the metadata.
        var actionSpec = new ActionSpec
        {
            Names = metadata.Action.Names,
            Scale = action[0],
            Offset = action[1],
            ClipLow = action[2],
            ClipHigh = action[3],
            RateLimitPerSecond = metadata.Action.RateLimitPerSecond,
            DefaultJointPositions = metadata.Action.DefaultJointPositions,
            Kp = metadata.Action.Kp,
            Kd = metadata.Action.Kd,
        };
        return new MlpPolicy
        {
            Observation = metadata.Observation,
            Action = actionSpec,
            Control = metadata.Control,
            Provenance = metadata.Provenance,
            Training = metadata.Training,
            Normalizer = normalizer,
            Layers = layers,
        };
    }
}
