using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>
/// A parsed, fully validated safetensors file held in memory. Layout: an 8-byte little-endian header length N,
/// N bytes of UTF-8 JSON header, then the data buffer that the header's data_offsets index into.
/// Construction fails with <see cref="SafetensorsFormatException"/> on any deviation from the format, so a
/// successfully opened file only ever yields the bytes its header describes.
/// </summary>
public sealed class SafetensorsFile
{
    /// <summary>Same cap as the reference implementation: a larger length means corruption or not a safetensors file.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const int LengthPrefixSize = sizeof(ulong);
    private const int TensorNamesListedInErrors = 20;

    private readonly byte[] _fileBytes;
    private readonly int _dataStart;
    private readonly Dictionary<string, TensorInfo> _tensorsByName;

    private SafetensorsFile(string sourceName, byte[] fileBytes, int dataStart, SafetensorsHeader header)
    {
        SourceName = sourceName;
        _fileBytes = fileBytes;
        _dataStart = dataStart;
        Tensors = header.Tensors;
        TensorNames = header.Tensors.Select(t => t.Name).ToArray();
        Metadata = header.Metadata;
        _tensorsByName = header.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The path or name used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>The header's "__metadata__" entries; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Tensor names in the order the header lists them.</summary>
    public IReadOnlyList<string> TensorNames { get; }

    /// <summary>Tensor entries in the order the header lists them.</summary>
    public IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>Reads and validates the whole file. <paramref name="path"/> appears in every error message.</summary>
    public static SafetensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException($"{path}: safetensors file not found.", path);
        if (file.Length > Array.MaxLength)
            throw new SafetensorsFormatException(path, $"file is {file.Length} bytes; files over {Array.MaxLength} bytes are not supported");
        return FromOwnedBuffer(File.ReadAllBytes(path), path);
    }

    /// <summary>Validates a copy of <paramref name="bytes"/>; <paramref name="sourceName"/> stands in for a file name in error messages.</summary>
    public static SafetensorsFile Parse(ReadOnlySpan<byte> bytes, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        return FromOwnedBuffer(bytes.ToArray(), sourceName);
    }

    public bool Contains(string name) => _tensorsByName.ContainsKey(name);

    public bool TryGet(string name, [NotNullWhen(true)] out TensorInfo? info) => _tensorsByName.TryGetValue(name, out info);

    /// <summary>The header entry of <paramref name="name"/>; throws <see cref="SafetensorsFormatException"/> listing the available names if absent.</summary>
    public TensorInfo Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_tensorsByName.TryGetValue(name, out TensorInfo? info))
            return info;
        throw new SafetensorsFormatException(SourceName, $"no tensor named '{name}' ({DescribeAvailableTensors()})");
    }

    /// <summary>The tensor's bytes exactly as stored: row-major, little-endian, <see cref="TensorInfo.ByteLength"/> long.</summary>
    public ReadOnlySpan<byte> RawBytes(string name) => RawBytes(Get(name));

    /// <summary>The tensor's values as float32. F32 is copied bit-exactly; F16 and BF16 widen exactly; F64 narrows with rounding.</summary>
    public float[] ReadFloat32(string name)
    {
        TensorInfo info = Get(name);
        RequireFloatConvertible(info);
        var values = new float[info.ElementCount];
        DecodeInto(info, values);
        return values;
    }

    /// <summary>Like <see cref="ReadFloat32(string)"/>, into a caller-owned span of exactly <see cref="TensorInfo.ElementCount"/> floats.</summary>
    public void ReadFloat32(string name, Span<float> destination)
    {
        TensorInfo info = Get(name);
        RequireFloatConvertible(info);
        if (destination.Length != info.ElementCount)
        {
            throw new ArgumentException(
                $"{SourceName}: tensor '{name}' has {info.ElementCount} elements but the destination holds {destination.Length}.",
                nameof(destination));
        }
        DecodeInto(info, destination);
    }

    private static SafetensorsFile FromOwnedBuffer(byte[] fileBytes, string sourceName)
    {
        if (fileBytes.Length < LengthPrefixSize)
        {
            throw new SafetensorsFormatException(sourceName,
                $"truncated: {fileBytes.Length} bytes, expected at least {LengthPrefixSize} (the header length prefix)");
        }
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(fileBytes);
        if (headerLength > MaxHeaderLength)
        {
            throw new SafetensorsFormatException(sourceName,
                $"header length {headerLength} exceeds the {MaxHeaderLength}-byte limit (corrupt, or not a safetensors file)");
        }
        long bytesAfterPrefix = fileBytes.Length - LengthPrefixSize;
        if ((long)headerLength > bytesAfterPrefix)
        {
            throw new SafetensorsFormatException(sourceName,
                $"header length {headerLength} exceeds file size {fileBytes.Length} (only {bytesAfterPrefix} bytes follow the {LengthPrefixSize}-byte length prefix)");
        }

        int dataStart = LengthPrefixSize + (int)headerLength;
        long dataBufferLength = fileBytes.Length - dataStart;
        SafetensorsHeader header = SafetensorsHeaderParser.Parse(
            fileBytes.AsSpan(LengthPrefixSize, (int)headerLength), dataBufferLength, sourceName);
        SafetensorsLayoutValidator.RequireTensorsTileBuffer(header.Tensors, dataBufferLength, sourceName);
        return new SafetensorsFile(sourceName, fileBytes, dataStart, header);
    }

    // Offsets were checked against the buffer, and the whole file fits in one array, so the casts cannot truncate.
    private ReadOnlySpan<byte> RawBytes(TensorInfo info) =>
        _fileBytes.AsSpan(_dataStart + (int)info.DataBegin, (int)info.ByteLength);

    private void RequireFloatConvertible(TensorInfo info)
    {
        if (!Float32Decoder.CanDecode(info.DType))
        {
            throw new SafetensorsFormatException(SourceName,
                $"tensor '{info.Name}' has dtype {SafetensorsDTypeInfo.HeaderName(info.DType)}, which ReadFloat32 does not convert (it reads {Float32Decoder.ConvertibleHeaderNames})");
        }
    }

    private void DecodeInto(TensorInfo info, Span<float> destination)
    {
        ReadOnlySpan<byte> raw = RawBytes(info);
        int outOfRange = Float32Decoder.Decode(raw, info.DType, destination);
        if (outOfRange >= 0)
        {
            double value = BinaryPrimitives.ReadDoubleLittleEndian(raw.Slice(outOfRange * sizeof(double)));
            throw new SafetensorsFormatException(SourceName,
                $"tensor '{info.Name}': F64 element {outOfRange} is {value:R}, outside the float32 range (it would become infinity)");
        }
    }

    private string DescribeAvailableTensors()
    {
        if (TensorNames.Count == 0)
            return "the file holds no tensors";
        string listed = string.Join(", ", TensorNames.Take(TensorNamesListedInErrors));
        int more = TensorNames.Count - TensorNamesListedInErrors;
        return more > 0 ? $"tensors: {listed}, ... and {more} more" : $"tensors: {listed}";
    }
}
