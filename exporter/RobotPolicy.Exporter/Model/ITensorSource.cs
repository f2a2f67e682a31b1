namespace RobotPolicy.Exporter.Model;

/// <summary>Named float32 tensors (a safetensors file, or tensors built in memory).</summary>
public interface ITensorSource
{
    /// <summary>Where the tensors come from, for error messages.</summary>
    string SourceName { get; }

    bool Contains(string name);

    /// <summary>The tensor's values (row-major) and shape; throws naming the tensor when it is missing.</summary>
    (float[] Values, int[] Shape) Get(string name);

    IEnumerable<string> Names { get; }
}

/// <summary>Tensors held in a dictionary: for examples and tests.</summary>
public sealed class InMemoryTensors : ITensorSource
{
    private readonly Dictionary<string, (float[] Values, int[] Shape)> _tensors = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public InMemoryTensors(string sourceName = "in-memory tensors") => SourceName = sourceName;

    public string SourceName { get; }

    public IEnumerable<string> Names => _order;

    public InMemoryTensors Add(string name, float[] values, params int[] shape)
    {
        long count = shape.Aggregate(1L, (a, d) => a * d);
        if (count != values.Length)
        {
            throw new ArgumentException($"tensor '{name}': shape [{string.Join(", ", shape)}] needs {count} values, got {values.Length}");
        }
        if (_tensors.TryAdd(name, (values, shape)))
        {
            _order.Add(name);
        }
        else
        {
            throw new ArgumentException($"tensor '{name}' added twice");
        }
        return this;
    }

    public bool Contains(string name) => _tensors.ContainsKey(name);

    public (float[] Values, int[] Shape) Get(string name) =>
        _tensors.TryGetValue(name, out var t)
            ? t
            : throw new ExportException($"{SourceName}: no tensor named '{name}' (tensors: {string.Join(", ", _order)})");
}
