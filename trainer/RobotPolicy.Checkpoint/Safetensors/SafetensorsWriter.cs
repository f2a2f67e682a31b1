using System.Buffers.Binary;
using System.Runtime.InteropServices;
using RobotPolicy.Checkpoint.IO;

namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>
/// Collects named float32 tensors (and optional string metadata) and writes them as one safetensors file.
/// Tensors are stored in the order they were added, back to back, so the file can be diffed and read predictably.
/// Values are copied when added; later changes to the caller's arrays do not reach the file.
/// </summary>
public sealed class SafetensorsWriter
{
    private const string ReservedMetadataName = "__metadata__";

    private readonly List<PendingTensor> _tensors = [];
    private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);
    // Dictionary enumerates in insertion order as long as nothing is removed, and nothing ever is.
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    public int TensorCount => _tensors.Count;

    /// <summary>Adds a "__metadata__" entry. Keys must be unique.</summary>
    public SafetensorsWriter AddMetadata(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!_metadata.TryAdd(key, value))
            throw new ArgumentException($"Metadata key '{key}' was already added.", nameof(key));
        return this;
    }

    /// <summary>
    /// Adds a float32 tensor. <paramref name="values"/> are row-major and must number exactly the product of
    /// <paramref name="shape"/> (1 for the empty shape of a scalar).
    /// </summary>
    public SafetensorsWriter AddFloat32(string name, ReadOnlySpan<long> shape, ReadOnlySpan<float> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name == ReservedMetadataName)
            throw new ArgumentException($"'{ReservedMetadataName}' is reserved for the metadata entry and cannot name a tensor.", nameof(name));
        if (_tensorNames.Contains(name))
            throw new ArgumentException($"Tensor '{name}' was already added.", nameof(name));

        long elementCount = 1;
        foreach (long dimension in shape)
        {
            if (dimension < 0)
                throw new ArgumentException($"Tensor '{name}': shape {ShapeText.Format(shape)} has a negative dimension.", nameof(shape));
            elementCount = checked(elementCount * dimension);
        }
        if (elementCount != values.Length)
        {
            throw new ArgumentException(
                $"Tensor '{name}': shape {ShapeText.Format(shape)} has {elementCount} elements but {values.Length} values were given.",
                nameof(values));
        }

        _tensorNames.Add(name);
        _tensors.Add(new PendingTensor(name, shape.ToArray(), values.ToArray()));
        return this;
    }

    /// <summary>Writes the file through <see cref="AtomicFile"/>, so a crash mid-write never leaves a partial file at <paramref name="path"/>.</summary>
    public void Save(string path) => AtomicFile.Write(path, WriteTo);

    /// <summary>The complete file content.</summary>
    public byte[] ToArray()
    {
        using var memory = new MemoryStream();
        WriteTo(memory);
        return memory.ToArray();
    }

    /// <summary>Writes the complete file content to <paramref name="destination"/>.</summary>
    public void WriteTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        byte[] header = SafetensorsHeaderWriter.Build(_metadata, LayOutTensors());

        Span<byte> lengthPrefix = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(lengthPrefix, (ulong)header.Length);
        destination.Write(lengthPrefix);
        destination.Write(header);
        foreach (PendingTensor tensor in _tensors)
            WriteLittleEndian(destination, tensor.Values);
    }

    private IEnumerable<SafetensorsHeaderWriter.Entry> LayOutTensors()
    {
        long offset = 0;
        foreach (PendingTensor tensor in _tensors)
        {
            long end = offset + (long)tensor.Values.Length * sizeof(float);
            yield return new SafetensorsHeaderWriter.Entry(tensor.Name, SafetensorsDType.Float32, tensor.Shape, offset, end);
            offset = end;
        }
    }

    private static void WriteLittleEndian(Stream destination, float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            destination.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }
        Span<byte> element = stackalloc byte[sizeof(float)];
        foreach (float value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(element, value);
            destination.Write(element);
        }
    }

    private sealed record PendingTensor(string Name, long[] Shape, float[] Values);
}
