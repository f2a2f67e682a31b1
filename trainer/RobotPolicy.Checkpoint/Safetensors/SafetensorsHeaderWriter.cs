using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RobotPolicy.Checkpoint.Safetensors;

/// <summary>
/// Produces the JSON header bytes the way the reference implementation lays them out: "__metadata__" first,
/// then one entry per tensor with dtype, shape and data_offsets, padded with spaces so that the header length
/// (and therefore the start of the data buffer) is a multiple of 8 and every tensor stays aligned for mmap readers.
/// </summary>
internal static class SafetensorsHeaderWriter
{
    public const int Alignment = 8;

    internal readonly record struct Entry(string Name, SafetensorsDType DType, long[] Shape, long DataBegin, long DataEnd);

    public static byte[] Build(IReadOnlyCollection<KeyValuePair<string, string>> metadata, IEnumerable<Entry> tensors)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps non-ASCII names readable; the header is never embedded in HTML, where it would matter.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata.Count > 0)
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata)
                    json.WriteString(key, value);
                json.WriteEndObject();
            }
            foreach (Entry tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", SafetensorsDTypeInfo.HeaderName(tensor.DType));
                json.WriteStartArray("shape");
                foreach (long dimension in tensor.Shape)
                    json.WriteNumberValue(dimension);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(tensor.DataBegin);
                json.WriteNumberValue(tensor.DataEnd);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }

        int padding = (Alignment - buffer.WrittenCount % Alignment) % Alignment;
        byte[] header = new byte[buffer.WrittenCount + padding];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }
}
