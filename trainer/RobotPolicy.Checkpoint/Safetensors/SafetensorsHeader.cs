namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>The parsed JSON header: tensor entries in the order the file lists them, and the free-form metadata.</summary>
internal sealed class SafetensorsHeader(IReadOnlyList<TensorInfo> tensors, IReadOnlyDictionary<string, string> metadata)
{
    public IReadOnlyList<TensorInfo> Tensors { get; } = tensors;

    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;
}
