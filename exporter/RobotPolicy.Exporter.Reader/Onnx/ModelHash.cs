using System.Security.Cryptography;
using Google.Protobuf;

namespace RobotPolicy.Exporter.Onnx;

/// <summary>
/// The bundle's weights hash (metadata schema 2): SHA-256 over the ONNX ModelProto's top-level fields exactly as
/// they are stored in the file (each field's tag, length and bytes, in file order), leaving out the fields that do
/// not change what the model computes: producer_name (2), producer_version (3), domain (4), model_version (5),
/// doc_string (6) and metadata_props (14, where the hash itself is stored). So the graph (every node, attribute and
/// initializer, whatever encoding its values use: raw_data, float_data, anything else), ir_version, opset_import and
/// model-local functions are all covered, and any edit to them outside the toolkit changes the hash.
/// </summary>
public static class ModelHash
{
    private static readonly HashSet<int> Descriptive = [2, 3, 4, 5, 6, 14];

    public static string Compute(byte[] modelBytes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var input = new CodedInputStream(modelBytes);
        while (true)
        {
            int start = (int)input.Position;
            uint tag = input.ReadTag();
            if (tag == 0)
            {
                break;
            }
            input.SkipLastField();
            int end = (int)input.Position;
            if (!Descriptive.Contains(WireFormat.GetTagFieldNumber(tag)))
            {
                sha.AppendData(modelBytes, start, end - start);
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
