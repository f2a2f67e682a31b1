namespace RobotPolicy.Exporter.Onnx;

/// <summary>
/// Versions and node-name prefixes of the graphs the exporter writes. The names let the bundle reader recognise
/// each stage when it rebuilds the policy from a graph (for `inspect` and the reference forward in `bench infer`).
/// </summary>
internal static class OnnxNames
{
    /// <summary>IR version 8 with opset 17: read by ONNX Runtime 1.29 and by onnx 1.12's checker.</summary>
    public const long IrVersion = 8;

    public const long Opset = 17;

    public const string Producer = "robotpolicy";

    public const string GraphName = "robotpolicy_policy";

    public const string BatchDim = "batch";

    public const string NormalizePrefix = "obs_norm/";

    public const string LayerPrefix = "layer";

    public const string ActionPrefix = "action/";
}
