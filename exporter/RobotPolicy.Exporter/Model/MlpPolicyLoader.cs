using RobotPolicy.Bundle;
using RobotPolicy.Checkpoint.Model;

namespace RobotPolicy.Exporter.Model;

/// <summary>Builds an <see cref="MlpPolicy"/> from a model description and its tensors, checking every shape on the way.</summary>
public static class MlpPolicyLoader
{
    public static MlpPolicy Load(ModelDescription d, ITensorSource tensors, string descriptionPath)
    {
        // The interface must be valid bundle metadata; check it with the bundle's own rules up front.
        PolicyMetadataValidator.Validate(
            new PolicyMetadata { Observation = d.Observation, Action = d.Action, Control = d.Control, Training = d.Training },
            descriptionPath);

        int inputDim = d.Observation.InputDim;
        var normalizer = d.Normalizer is null ? null : LoadNormalizer(d.Normalizer, d.Observation, tensors, descriptionPath);

        if (d.Layers is null || d.Layers.Count == 0)
        {
            throw new ExportException($"{descriptionPath}: field 'layers' must list at least one layer");
        }
        var layers = new List<MlpLayer>(d.Layers.Count);
        int width = inputDim;
        for (int i = 0; i < d.Layers.Count; i++)
        {
            var spec = d.Layers[i];
            string at = $"{descriptionPath}: layers[{i}] ({spec.Op})";
            switch (spec.Op)
            {
                case LayerOps.Linear:
                    var linear = LoadLinear(spec, tensors, at, width);
                    layers.Add(linear);
                    width = linear.Out;
                    break;
                case LayerOps.LayerNorm:
                    var scale = Vector(tensors, Required(spec.Weight, at, "weight"), at, width);
                    var bias = Vector(tensors, Required(spec.Bias, at, "bias"), at, width);
                    float eps = spec.Epsilon ?? 1e-5f;
                    if (!(eps > 0))
                    {
                        throw new ExportException($"{at}: epsilon must be positive, found {eps}");
                    }
                    layers.Add(new LayerNormLayer(width, scale, bias, eps));
                    break;
                case LayerOps.L2Normalize:
                    float floor = spec.Epsilon ?? LayerOps.L2NormalizeDefaultEpsilon;
                    if (!(floor > 0) || !float.IsFinite(floor))
                    {
                        throw new ExportException($"{at}: epsilon must be a positive finite number, found {floor}");
                    }
                    layers.Add(new L2NormalizeLayer(floor));
                    break;
                case LayerOps.Relu: layers.Add(new ActivationLayer(ActivationKind.Relu)); break;
                case LayerOps.Tanh: layers.Add(new ActivationLayer(ActivationKind.Tanh)); break;
                case LayerOps.Silu: layers.Add(new ActivationLayer(ActivationKind.Silu)); break;
                case LayerOps.Elu:
                    float alpha = spec.Alpha ?? 1f;
                    if (!float.IsFinite(alpha))
                    {
                        throw new ExportException($"{at}: alpha must be a finite number, found {alpha}");
                    }
                    layers.Add(new ActivationLayer(ActivationKind.Elu, alpha));
                    break;
                default:
                    throw new ExportException($"{at}: unknown op '{spec.Op}'; expected one of {string.Join(", ", LayerOps.All)}");
            }
        }
        int actionDim = d.Action.Names.Count;
        if (width != actionDim)
        {
            throw new ExportException(
                $"{descriptionPath}: the last layer produces {width} values but action.names lists {actionDim} actions");
        }
        return new MlpPolicy
        {
            Observation = d.Observation,
            Action = d.Action,
            Control = d.Control,
            Provenance = d.Provenance,
            Training = d.Training,
            Normalizer = normalizer,
            Layers = layers,
        };
    }

    private static LinearLayer LoadLinear(LayerSpec spec, ITensorSource tensors, string at, int inWidth)
    {
        string weightName = Required(spec.Weight, at, "weight");
        var (w, shape) = Get(tensors, weightName, at);
        if (shape.Length != 2)
        {
            throw new ExportException($"{at}: weight '{weightName}' must be 2-D [out, in], found shape [{string.Join(", ", shape)}]");
        }
        if (shape[1] != inWidth)
        {
            throw new ExportException(
                $"{at}: weight '{weightName}' has shape [{shape[0]}, {shape[1]}] ([out, in]) but its input has {inWidth} values");
        }
        float[] b = spec.Bias is null ? new float[shape[0]] : Vector(tensors, spec.Bias, at, shape[0]);
        CheckFinite(w, weightName, at);
        return new LinearLayer(shape[1], shape[0], w, b);
    }

    private static ObservationNormalizer LoadNormalizer(NormalizerSpec spec, ObservationSpec obs, ITensorSource tensors, string path)
    {
        string at = $"{path}: normalizer";
        var mean = NormalizerVector(tensors, spec.Mean, at, obs);
        var std = NormalizerVector(tensors, spec.Std, at, obs);
        for (int i = 0; i < std.Length; i++)
        {
            if (!(std[i] > 0) || !float.IsFinite(std[i]))
            {
                throw new ExportException($"{at}: std '{spec.Std}'[{i}] is {std[i]}; every std must be positive and finite");
            }
        }
        if (spec.Clip is { } clip && !(clip > 0))
        {
            throw new ExportException($"{at}: clip must be positive, found {clip}");
        }
        return new ObservationNormalizer(mean, std, spec.Clip);
    }

    // Statistics are kept either per frame value (shared by every history slot) or per stacked input value.
    private static float[] NormalizerVector(ITensorSource tensors, string name, string at, ObservationSpec obs)
    {
        var (values, shape) = Get(tensors, name, at);
        CheckFinite(values, name, at);
        if (values.Length == obs.InputDim)
        {
            return values;
        }
        if (values.Length == obs.FrameDim)
        {
            return StackedLayout.ExpandPerFrame(values, obs);
        }
        throw new ExportException(
            $"{at}: '{name}' has shape [{string.Join(", ", shape)}] ({values.Length} values); expected {obs.FrameDim} (one frame) or {obs.InputDim} (stacked input)");
    }

    private static float[] Vector(ITensorSource tensors, string name, string at, int length)
    {
        var (values, shape) = Get(tensors, name, at);
        if (values.Length != length || shape.Length != 1)
        {
            throw new ExportException($"{at}: '{name}' has shape [{string.Join(", ", shape)}]; expected [{length}]");
        }
        CheckFinite(values, name, at);
        return values;
    }

    private static (float[] Values, int[] Shape) Get(ITensorSource tensors, string name, string at)
    {
        if (!tensors.Contains(name))
        {
            throw new ExportException($"{at}: tensor '{name}' is not in {tensors.SourceName} (it has: {string.Join(", ", tensors.Names)})");
        }
        return tensors.Get(name);
    }

    private static string Required(string? value, string at, string field) =>
        string.IsNullOrEmpty(value) ? throw new ExportException($"{at}: field '{field}' is required") : value;

    private static void CheckFinite(float[] values, string name, string at)
    {
        int bad = Array.FindIndex(values, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            throw new ExportException($"{at}: tensor '{name}'[{bad}] is {values[bad]}; weights must be finite");
        }
    }
}
