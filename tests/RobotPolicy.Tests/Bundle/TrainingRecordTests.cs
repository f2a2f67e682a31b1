using RobotPolicy.Bundle;
using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Examples;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Bundle;

/// <summary>The optional `training` metadata: absent in older bundles, checked field by field when present, carried from model.json.</summary>
public class TrainingRecordTests
{
    private const string Training = """
        "training": { "method": "aligned", "domain": "tigerdoor", "seed": 3, "environment_steps": 300000 },
        """;

    private static string ExampleJson(string? training = Training)
    {
        var (path, _) = Bundles.Example;
        string json = PolicyMetadataJson.Serialize(BundleFile.Read(path).Metadata);
        return training is null ? json : json.Replace("\"schema_version\": 2,", "\"schema_version\": 2," + training);
    }

    private static string ErrorFor(string training) =>
        Assert.Throws<BundleFormatException>(() => PolicyMetadataJson.Parse(ExampleJson(training), "p.onnx")).Message;

    [Fact]
    public void A_bundle_without_it_stays_valid()
    {
        Assert.DoesNotContain("\"training\"", ExampleJson(null));
        Assert.Null(PolicyMetadataJson.Parse(ExampleJson(null), "p.onnx").Training);
    }

    [Fact]
    public void Present_it_reads_every_field()
    {
        var t = PolicyMetadataJson.Parse(ExampleJson(), "p.onnx").Training!;
        Assert.Equal(("aligned", "tigerdoor", 3L, 300000L), (t.Method, t.Domain, t.Seed!.Value, t.EnvironmentSteps!.Value));
    }

    [Fact]
    public void An_unknown_method_is_named() => Assert.Equal(
        "p.onnx: metadata field 'training.method' is 'ppo'; expected one of teacher, student-rl, aligned, sitt, dagger, bc",
        ErrorFor(Training.Replace("\"aligned\"", "\"ppo\"")));

    [Fact]
    public void Negative_environment_steps() => Assert.Equal(
        "p.onnx: metadata field 'training.environment_steps' must be zero or more, found -5",
        ErrorFor(Training.Replace("300000", "-5")));

    [Fact]
    public void A_missing_field_is_named() => Assert.Equal(
        "p.onnx: metadata field 'training.domain' is missing",
        ErrorFor(Training.Replace("\"domain\": \"tigerdoor\", ", "")));

    [Fact]
    public void A_seed_that_is_not_an_integer_is_named_by_its_path()
    {
        string message = ErrorFor(Training.Replace("\"seed\": 3", "\"seed\": \"three\""));
        Assert.StartsWith("p.onnx: metadata 'robotpolicy' is invalid: ", message);
        Assert.Contains("$.training.seed", message);
    }

    [Fact]
    public void Model_json_carries_it_into_the_bundle_and_back()
    {
        using var dir = new TemporaryDirectory();
        var (d, t) = ExamplePolicy.Create(seed: 2, hidden: 16, customize: d =>
            d.Training = new TrainingRecord { Method = TrainingMethods.Dagger, Domain = "point-mass", Seed = 9, EnvironmentSteps = 40960 });
        PolicyExporter.Export(MlpPolicyLoader.Load(d, t, "model.json"), dir.File("p.onnx"), "test");

        var bundle = BundleFile.Read(dir.File("p.onnx"));
        foreach (var read in new[] { bundle.Metadata.Training!, bundle.ToPolicy().Training! })
        {
            Assert.Equal(("dagger", "point-mass", 9L, 40960L), (read.Method, read.Domain, read.Seed!.Value, read.EnvironmentSteps!.Value));
        }
    }

    [Fact]
    public void A_bad_value_in_model_json_is_refused_before_export()
    {
        var (d, t) = ExamplePolicy.Create(seed: 2, hidden: 16, customize: d =>
            d.Training = new TrainingRecord { Method = "rl", Domain = "point-mass", Seed = 9, EnvironmentSteps = 1 });
        var e = Assert.Throws<BundleFormatException>(() => MlpPolicyLoader.Load(d, t, "model.json"));
        Assert.Equal("model.json: metadata field 'training.method' is 'rl'; expected one of teacher, student-rl, aligned, sitt, dagger, bc", e.Message);
    }
}
