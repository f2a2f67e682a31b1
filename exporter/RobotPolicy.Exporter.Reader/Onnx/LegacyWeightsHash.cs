using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RobotPolicy.Exporter.Onnx.Proto;

namespace RobotPolicy.Exporter.Onnx;

/// <summary>
/// The weights hash of metadata schema 1 bundles, kept so that they still load (with a warning): SHA-256 over a
/// graph's initializers, in graph order: for each, its UTF-8 name, a zero byte, data_type (int32 LE), the number of
/// dims (int32 LE), each dim (int64 LE), then raw_data. It misses values stored in float_data and the nodes, which
/// is why schema 2 hashes the whole model (<see cref="ModelHash"/>).
/// </summary>
internal static class LegacyWeightsHash
{
    public static string Compute(GraphProto graph)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[8];
        foreach (var tensor in graph.Initializer)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(tensor.Name));
            sha.AppendData([0]);
            BinaryPrimitives.WriteInt32LittleEndian(scratch, tensor.DataType);
            sha.AppendData(scratch[..4]);
            BinaryPrimitives.WriteInt32LittleEndian(scratch, tensor.Dims.Count);
            sha.AppendData(scratch[..4]);
            foreach (long d in tensor.Dims)
            {
                BinaryPrimitives.WriteInt64LittleEndian(scratch, d);
                sha.AppendData(scratch);
            }
            sha.AppendData(tensor.RawData.Span);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
