using RobotPolicy.Bundle;
using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Examples;
using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Exporter.Reference;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Exporter;

public class ExportRoundTripTests
{
    [Fact]
    public void Example_exports_and_onnx_runtime_matches_the_reference_within_1e5()
    {
        using var dir = new TemporaryDirectory();
        var policy = ExamplePolicy.CreatePolicy();
        var report = PolicyExporter.Export(policy, dir.File("p.onnx"), "test");

        Assert.True(report.MaxAbsError <= 1e-5f, $"max abs error {report.MaxAbsError}");
        Assert.Equal(256, report.VerifiedRows);
        long network = (144 * 256) + 256 + (256 * 256) + 256 + (256 * 12) + 12;
        long normalizer = (2 * 144) + 2;   // mean, std, and the two clip bounds
        long actionPostProcessing = 4 * 12; // scale, offset, clip low, clip high
        Assert.Equal(network + normalizer + actionPostProcessing, report.Parameters);
        Assert.Equal(["p.onnx"], dir.FileNames());
    }

    [Fact]
    public void Bundle_reads_back_with_its_metadata_hash_and_graph()
    {
        var (path, policy) = Bundles.Example;
        var bundle = BundleFile.Read(path);

        Assert.Equal(17, bundle.Opset);
        Assert.Equal(8, bundle.IrVersion);
        Assert.Equal("obs float[batch, 144]", bundle.Inputs.Single().ToString());
        Assert.Equal("actions float[batch, 12]", bundle.Outputs.Single().ToString());
        Assert.True(bundle.WeightsHashMatches);
        Assert.Equal(64, bundle.Metadata.WeightsSha256.Length);
        Assert.Equal(policy.Action.Names, bundle.Metadata.Action.Names);
        Assert.Equal(["base_lin_vel", "base_ang_vel", "projected_gravity", "velocity_command", "joint_pos", "joint_vel", "last_action"],
            bundle.Metadata.Observation.Terms.Select(t => t.Name));
        Assert.Equal(0.02, bundle.Metadata.Control.PeriodSeconds);
        Assert.Equal("example", bundle.Metadata.Provenance.Domain);
        Assert.True(bundle.Metadata.Processing.ObservationNormalization);
    }

    [Fact]
    public void Policy_rebuilt_from_the_graph_computes_exactly_what_the_original_does()
    {
        var (path, policy) = Bundles.Example;
        var rebuilt = BundleFile.Read(path).ToPolicy();
        var a = new ReferenceForward(policy);
        var b = new ReferenceForward(rebuilt);
        var rng = new Random(3);
        var obs = new float[policy.InputDim];
        var ya = new float[12];
        var yb = new float[12];
        for (int trial = 0; trial < 20; trial++)
        {
            for (int i = 0; i < obs.Length; i++)
            {
                obs[i] = (float)(rng.NextDouble() * 4 - 2);
            }
            a.Forward(obs, ya);
            b.Forward(obs, yb);
            Assert.Equal(ya, yb);
        }
    }

    [Fact]
    public void Changing_a_weight_breaks_the_hash_check()
    {
        var (path, _) = Bundles.Example;
        byte[] bytes = File.ReadAllBytes(path);
        var model = BundleFile.ParseModel(bytes, path);
        var w = model.Graph.Initializer.First(t => t.Name == "layer0/weight");
        var raw = w.RawData.ToByteArray();
        raw[100] ^= 0x01;
        w.RawData = Google.Protobuf.ByteString.CopyFrom(raw);
        var tampered = BundleFile.Parse(Google.Protobuf.MessageExtensions.ToByteArray(model), "tampered.onnx");
        Assert.False(tampered.WeightsHashMatches);
    }

    [Fact]
    public void Written_metadata_declares_the_current_schema()
    {
        var (path, _) = Bundles.Example;
        Assert.Equal(PolicyMetadata.CurrentSchemaVersion, BundleFile.Read(path).Metadata.SchemaVersion);
    }
}
