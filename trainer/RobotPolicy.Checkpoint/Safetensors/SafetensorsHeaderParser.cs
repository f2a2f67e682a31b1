using System.Text;
using System.Text.Json;

namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>
/// Reads the JSON header with <see cref="Utf8JsonReader"/> (no reflection, so it works under NativeAOT) and checks
/// every entry on its own: field names and types, dtype, shape, and that data_offsets span exactly the bytes the
/// shape and dtype need. How the tensors fit together in the buffer is <see cref="SafetensorsLayoutValidator"/>'s job.
/// </summary>
internal static class SafetensorsHeaderParser
{
    private const string MetadataKey = "__metadata__";

    public static SafetensorsHeader Parse(ReadOnlySpan<byte> headerJson, long dataBufferLength, string sourceName)
    {
        if (headerJson.Trim(" \t\r\n"u8).IsEmpty)
            throw Error(sourceName, $"header is empty; expected a JSON object ({headerJson.Length} bytes of whitespace)");
        var reader = new Utf8JsonReader(headerJson, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            return ParseTopLevelObject(ref reader, dataBufferLength, sourceName);
        }
        catch (JsonException e)
        {
            string position = e.LineNumber is long line && e.BytePositionInLine is long column
                ? $"line {line + 1}, byte {column + 1}"
                : $"header byte {reader.BytesConsumed + 1}";
            throw new SafetensorsFormatException(sourceName, $"header is not valid JSON at {position}: {WithoutPosition(e.Message)}", e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader only checks a string's UTF-8 and escapes when the string is decoded.
            throw new SafetensorsFormatException(
                sourceName, $"header has an undecodable string at header byte {reader.TokenStartIndex + 1}: {e.Message}", e);
        }
    }

    private static SafetensorsHeader ParseTopLevelObject(ref Utf8JsonReader reader, long dataBufferLength, string sourceName)
    {
        reader.Read(); // Cannot be the end: the header was checked to hold more than whitespace.
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Error(sourceName, $"header must be a JSON object, found {Describe(ref reader)}");

        var tensors = new List<TensorInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, string>? metadata = null;
        while (ReadNext(ref reader, sourceName) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            if (key == MetadataKey)
            {
                if (metadata is not null)
                    throw Error(sourceName, $"header has more than one '{MetadataKey}' entry");
                metadata = ReadMetadata(ref reader, sourceName);
            }
            else
            {
                if (!names.Add(key))
                    throw Error(sourceName, $"duplicate tensor name '{key}' in header");
                tensors.Add(ReadTensor(ref reader, key, dataBufferLength, sourceName));
            }
        }
        // Anything but whitespace after the object makes this Read throw (trailing spaces are the format's padding).
        if (reader.Read())
            throw Error(sourceName, $"header has {Describe(ref reader)} after its JSON object");
        return new SafetensorsHeader(tensors, metadata ?? new Dictionary<string, string>());
    }

    private static Dictionary<string, string> ReadMetadata(ref Utf8JsonReader reader, string sourceName)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonTokenType start = ReadNext(ref reader, sourceName);
        if (start == JsonTokenType.Null)
            return metadata; // The reference implementation treats a null __metadata__ as absent.
        if (start != JsonTokenType.StartObject)
            throw Error(sourceName, $"'{MetadataKey}' must be an object of string values, found {Describe(ref reader)}");
        while (ReadNext(ref reader, sourceName) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            if (ReadNext(ref reader, sourceName) != JsonTokenType.String)
                throw Error(sourceName, $"'{MetadataKey}' entry '{key}' must be a string, found {Describe(ref reader)}");
            if (!metadata.TryAdd(key, reader.GetString()!))
                throw Error(sourceName, $"'{MetadataKey}' has duplicate key '{key}'");
        }
        return metadata;
    }

    private static TensorInfo ReadTensor(ref Utf8JsonReader reader, string name, long dataBufferLength, string sourceName)
    {
        if (ReadNext(ref reader, sourceName) != JsonTokenType.StartObject)
            throw Error(sourceName, $"tensor '{name}': expected an object with dtype, shape and data_offsets, found {Describe(ref reader)}");

        string? dtypeName = null;
        long[]? shape = null;
        long[]? offsets = null;
        while (ReadNext(ref reader, sourceName) != JsonTokenType.EndObject)
        {
            string field = reader.GetString()!;
            switch (field)
            {
                case "dtype":
                    RequireFirst(dtypeName, name, field, sourceName);
                    if (ReadNext(ref reader, sourceName) != JsonTokenType.String)
                        throw Error(sourceName, $"tensor '{name}': dtype must be a string, found {Describe(ref reader)}");
                    dtypeName = reader.GetString()!;
                    break;
                case "shape":
                    RequireFirst(shape, name, field, sourceName);
                    shape = ReadNonNegativeIntegers(ref reader, name, field, sourceName);
                    break;
                case "data_offsets":
                    RequireFirst(offsets, name, field, sourceName);
                    offsets = ReadNonNegativeIntegers(ref reader, name, field, sourceName);
                    break;
                default:
                    throw Error(sourceName, $"tensor '{name}': unexpected field '{field}' (a tensor entry has dtype, shape and data_offsets)");
            }
        }

        if (dtypeName is null)
            throw Error(sourceName, $"tensor '{name}': missing field 'dtype'");
        if (shape is null)
            throw Error(sourceName, $"tensor '{name}': missing field 'shape'");
        if (offsets is null)
            throw Error(sourceName, $"tensor '{name}': missing field 'data_offsets'");
        return BuildTensorInfo(name, dtypeName, shape, offsets, dataBufferLength, sourceName);
    }

    private static TensorInfo BuildTensorInfo(
        string name, string dtypeName, long[] shape, long[] offsets, long dataBufferLength, string sourceName)
    {
        if (!SafetensorsDTypeInfo.TryParseHeaderName(dtypeName, out SafetensorsDType dtype))
            throw Error(sourceName, $"tensor '{name}': unsupported dtype '{dtypeName}' (supported: {SafetensorsDTypeInfo.SupportedHeaderNames})");
        if (offsets.Length != 2)
            throw Error(sourceName, $"tensor '{name}': data_offsets must be [begin, end] but has {offsets.Length} numbers: {ShapeText.Format(offsets)}");

        long begin = offsets[0], end = offsets[1];
        string offsetsText = $"data_offsets [{begin}, {end}]";
        if (end < begin)
            throw Error(sourceName, $"tensor '{name}': {offsetsText} end before they begin");

        long elementCount, neededBytes;
        try
        {
            elementCount = 1;
            foreach (long dimension in shape)
                elementCount = checked(elementCount * dimension);
            neededBytes = checked(elementCount * SafetensorsDTypeInfo.SizeInBytes(dtype));
        }
        catch (OverflowException)
        {
            throw Error(sourceName, $"tensor '{name}': shape {ShapeText.Format(shape)} of {dtypeName} is too large to address with 64-bit offsets");
        }

        if (end - begin != neededBytes)
            throw Error(sourceName, $"tensor '{name}': {offsetsText} hold {end - begin} bytes but shape {ShapeText.Format(shape)} of {dtypeName} needs {neededBytes}");
        if (end > dataBufferLength)
            throw Error(sourceName, $"tensor '{name}': {offsetsText} extend past the end of the {dataBufferLength}-byte data buffer");

        return new TensorInfo(name, dtype, Array.AsReadOnly(shape), elementCount, begin, end);
    }

    private static long[] ReadNonNegativeIntegers(ref Utf8JsonReader reader, string name, string field, string sourceName)
    {
        if (ReadNext(ref reader, sourceName) != JsonTokenType.StartArray)
            throw Error(sourceName, $"tensor '{name}': {field} must be an array of non-negative integers, found {Describe(ref reader)}");
        var values = new List<long>();
        while (ReadNext(ref reader, sourceName) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
                throw Error(sourceName, $"tensor '{name}': {field} contains {Describe(ref reader)}, which is not a non-negative 64-bit integer");
            values.Add(value);
        }
        return values.ToArray();
    }

    private static void RequireFirst(object? alreadyRead, string name, string field, string sourceName)
    {
        if (alreadyRead is not null)
            throw Error(sourceName, $"tensor '{name}': field '{field}' appears more than once");
    }

    // The reader only returns false at the end of the input; inside an object or array that means the JSON is cut off.
    private static JsonTokenType ReadNext(ref Utf8JsonReader reader, string sourceName)
    {
        if (!reader.Read())
            throw Error(sourceName, "header JSON ends before its top-level object is closed");
        return reader.TokenType;
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => $"the string \"{Shorten(reader.GetString()!)}\"",
        JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(reader.ValueSpan)}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };

    // The reader appends its own zero-based "LineNumber: 0 | BytePositionInLine: 20." which would contradict the
    // one-based position already given.
    private static string WithoutPosition(string readerMessage)
    {
        int suffix = readerMessage.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return suffix < 0 ? readerMessage : readerMessage[..suffix];
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");

    private static SafetensorsFormatException Error(string sourceName, string problem) => new(sourceName, problem);
}
