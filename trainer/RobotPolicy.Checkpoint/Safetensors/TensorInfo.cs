namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>One tensor's header entry: its element type, shape, and where its bytes lie in the data buffer.</summary>
public sealed class TensorInfo
{
    internal TensorInfo(string name, SafetensorsDType dtype, IReadOnlyList<long> shape, long elementCount, long dataBegin, long dataEnd)
    {
        Name = name;
        DType = dtype;
        Shape = shape;
        ElementCount = elementCount;
        DataBegin = dataBegin;
        DataEnd = dataEnd;
    }

    public string Name { get; }

    public SafetensorsDType DType { get; }

    /// <summary>Dimensions, outermost first (row-major). Empty for a scalar.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Product of <see cref="Shape"/> (1 for a scalar, 0 if any dimension is 0).</summary>
    public long ElementCount { get; }

    /// <summary>Offset of the first byte, relative to the start of the data buffer (not of the file).</summary>
    public long DataBegin { get; }

    /// <summary>Offset one past the last byte, relative to the start of the data buffer.</summary>
    public long DataEnd { get; }

    public long ByteLength => DataEnd - DataBegin;

    public override string ToString() =>
        $"{Name}: {SafetensorsDTypeInfo.HeaderName(DType)} {ShapeText.Format(Shape)} @ [{DataBegin}, {DataEnd})";
}
