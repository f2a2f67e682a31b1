using RobotPolicy.Checkpoint.Safetensors;

namespace RobotPolicy.Exporter.Model;

/// <summary>The tensors of a safetensors file, read as float32.</summary>
public sealed class SafetensorsTensorSource : ITensorSource
{
    private readonly SafetensorsFile _file;

    public SafetensorsTensorSource(SafetensorsFile file) => _file = file;

    public string SourceName => _file.SourceName;

    public IEnumerable<string> Names => _file.TensorNames;

    public bool Contains(string name) => _file.Contains(name);

    public (float[] Values, int[] Shape) Get(string name)
    {
        var info = _file.Get(name);
        return (_file.ReadFloat32(name), info.Shape.Select(d => checked((int)d)).ToArray());
    }
}
