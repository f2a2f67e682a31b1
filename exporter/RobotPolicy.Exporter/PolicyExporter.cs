using Google.Protobuf;
using RobotPolicy.Bundle;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Exporter.Onnx.Proto;
using RobotPolicy.Exporter.Verification;

namespace RobotPolicy.Exporter;

/// <summary>What an export wrote and how well ONNX Runtime agreed with the reference forward.</summary>
public sealed record ExportReport(
    string OutputPath, long Bytes, long Parameters, string WeightsSha256, int VerifiedRows, float MaxAbsError);

/// <summary>Turns a policy into a verified policy bundle: build the graph, check it in ONNX Runtime, then write it.</summary>
public static class PolicyExporter
{
    public static ExportReport Export(MlpPolicy policy, string outputPath, string sourceDescription)
    {
        var model = MlpOnnxWriter.Build(policy);
        // Over the model as written, less metadata_props: adding the metadata below leaves it unchanged.
        string hash = ModelHash.Compute(model.ToByteArray());
        var metadata = new PolicyMetadata
        {
            Observation = policy.Observation,
            Action = policy.Action,
            Control = policy.Control,
            Provenance = policy.Provenance,
            Training = policy.Training,
            Processing = new InGraphProcessing
            {
                ObservationNormalization = policy.Normalizer is not null,
                NormalizedObservationClip = policy.Normalizer?.Clip,
                ActionPostProcessing = true,
            },
            WeightsSha256 = hash,
            Export = new ExportInfo
            {
                Exporter = OnnxNames.Producer,
                ExporterVersion = ExporterVersion.Value,
                Opset = (int)OnnxNames.Opset,
                CreatedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                SourceDescription = sourceDescription,
            },
        };
        // Validate what we are about to write with the same rules the runtime will apply when reading it.
        PolicyMetadataValidator.Validate(metadata, outputPath);
        model.MetadataProps.Add(new StringStringEntryProto { Key = PolicyMetadata.MetadataKey, Value = PolicyMetadataJson.Serialize(metadata) });
        byte[] bytes = model.ToByteArray();
        if (ModelHash.Compute(bytes) != hash)
        {
            throw new InvalidOperationException("the weights hash changed when the metadata was added; ModelHash must leave metadata_props out");
        }

        // Verify before writing: a bundle that disagrees with the reference never reaches the disk.
        var check = OrtVerifier.Verify(bytes, policy);
        if (!(check.MaxAbsError <= OrtVerifier.Tolerance))
        {
            throw new ExportException(
                $"{outputPath}: ONNX Runtime and the reference forward disagree by {check.MaxAbsError:G3} (row {check.WorstRow}, action '{policy.Action.Names[check.WorstAction]}'), above the {OrtVerifier.Tolerance:G1} tolerance; the bundle was not written");
        }
        AtomicFile.WriteAllBytes(outputPath, bytes);
        long parameters = model.Graph.Initializer.Sum(t => t.Dims.Aggregate(1L, (a, d) => a * d));
        return new ExportReport(outputPath, bytes.Length, parameters, hash, check.Rows, check.MaxAbsError);
    }
}
