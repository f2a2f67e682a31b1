using Google.Protobuf;
using RobotPolicy.Bundle;
using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Runtime.Session;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Runtime;

/// <summary>
/// The weights hash covers the whole model: a bundle edited outside the toolkit (weights in another encoding, an
/// attribute, a node) is reported by `inspect` and refused by `run` and <see cref="PolicySession.Open"/>, unless the
/// user allows it; an unedited bundle, a schema 1 bundle and a foreign model with a correct hash load.
/// </summary>
public class BundleIntegrityTests
{
    public static TheoryData<string> Edits => ["float_data, values changed", "float_data, same values", "Gemm alpha", "swapped nodes"];

    private static string Tamper(string edit, TemporaryDirectory dir) => edit switch
    {
        "float_data, values changed" => BundleTampering.WeightsIntoFloatData(dir.File("edited.onnx"), delta: 0.25f),
        "float_data, same values" => BundleTampering.WeightsIntoFloatData(dir.File("edited.onnx"), delta: 0f),
        "Gemm alpha" => BundleTampering.GemmAlpha(dir.File("edited.onnx")),
        "swapped nodes" => BundleTampering.SwappedClipNodes(dir.File("edited.onnx")),
        _ => throw new ArgumentOutOfRangeException(nameof(edit)),
    };

    [Fact]
    public void An_exported_bundle_matches_and_opens_without_a_warning()
    {
        var (path, _) = Bundles.Example;
        var file = BundleFile.Read(path);
        Assert.Equal(BundleHashCheck.ModelScheme, file.Hash.Scheme);
        Assert.True(file.WeightsHashMatches);
        Assert.Equal(ModelHash.Compute(File.ReadAllBytes(path)), file.Metadata.WeightsSha256);
        using var session = PolicySession.Open(path);
        Assert.Null(session.IntegrityWarning);
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void An_edit_is_detected_by_inspect_and_refused_at_load(string edit)
    {
        using var dir = new TemporaryDirectory();
        string path = Tamper(edit, dir);
        Assert.False(BundleFile.Read(path).WeightsHashMatches);

        var e = Assert.Throws<PolicySessionException>(() => PolicySession.Open(path));
        Assert.StartsWith($"{path}: the bundle was modified after export: weights_sha256 in its metadata is ", e.Message);
        Assert.EndsWith("; re-export it, or pass --allow-modified-bundle to run it anyway", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void Allowing_a_modified_bundle_runs_it_with_a_warning(string edit)
    {
        using var dir = new TemporaryDirectory();
        string path = Tamper(edit, dir);
        using var session = PolicySession.Open(path, new PolicySessionOptions { AllowModifiedBundle = true });
        Assert.EndsWith("; running it anyway (--allow-modified-bundle)", session.IntegrityWarning);
        var actions = new float[session.ActionDim];
        session.Step(new float[session.FrameDim], actions);
        Assert.All(actions, a => Assert.True(float.IsFinite(a)));
    }

    [Fact]
    public void The_value_changing_edits_really_change_the_actions()
    {
        // So the refusal above protects something: each edit (but the same-values re-encoding) moves the output.
        using var dir = new TemporaryDirectory();
        var (original, _) = Bundles.Example;
        float[] Act(string path)
        {
            using var s = PolicySession.Open(path, new PolicySessionOptions { AllowModifiedBundle = true });
            var frame = Enumerable.Range(0, s.FrameDim).Select(i => MathF.Sin(i) * 2).ToArray();
            var actions = new float[s.ActionDim];
            s.Step(frame, actions);
            return actions;
        }
        float[] reference = Act(original);
        foreach (string edit in new[] { "float_data, values changed", "Gemm alpha", "swapped nodes" })
        {
            float[] edited = Act(Tamper(edit, dir));
            Assert.True(reference.Zip(edited).Max(p => MathF.Abs(p.First - p.Second)) > 1e-3f, edit);
        }
        Assert.Equal(reference, Act(Tamper("float_data, same values", dir)));
    }

    [Fact]
    public void Run_refuses_an_edited_bundle_in_one_line()
    {
        using var dir = new TemporaryDirectory();
        string path = BundleTampering.WeightsIntoFloatData(dir.File("edited.onnx"), delta: 0.25f);
        var r = CliProcess.Run("run", path, "--robot", "udp://127.0.0.1:9", "--hello-timeout", "1");
        Assert.Equal(1, r.ExitCode);
        string line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {path}: the bundle was modified after export: ", line);

        var inspect = CliProcess.Run("inspect", path);
        Assert.Equal(1, inspect.ExitCode);
        Assert.Contains("MISMATCH", inspect.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_1_bundle_with_its_hash_still_loads_with_a_note()
    {
        using var dir = new TemporaryDirectory();
        var (source, _) = Bundles.Example;
        var model = BundleFile.ParseModel(File.ReadAllBytes(source), source);
        string legacyHash = LegacyWeightsHash.Compute(model.Graph);
        string path = BundleEditing.WithMetadata(dir.File("schema1.onnx"), json =>
        {
            var metadata = PolicyMetadataJson.Parse(json, "example");
            metadata.SchemaVersion = 1;
            metadata.WeightsSha256 = legacyHash;
            return PolicyMetadataJson.Serialize(metadata);
        });
        var file = BundleFile.Read(path);
        Assert.Equal(BundleHashCheck.LegacyScheme, file.Hash.Scheme);
        Assert.True(file.WeightsHashMatches);
        using var session = PolicySession.Open(path);
        Assert.Equal($"{path}: metadata schema 1: its weights hash covers raw_data initializers only, not the graph; re-export it for a full check",
            session.IntegrityWarning);
    }

    [OracleFact("torch", "python3-torch")]
    public void A_model_from_torch_onnx_export_with_a_correct_hash_runs()
    {
        // The documented way to adopt a foreign model, all in Python: export, hash the file (docs/formats.md's
        // model_hash), put the hash into the toolkit's metadata, onnx.helper.set_model_props, onnx.save.
        using var dir = new TemporaryDirectory();
        var (example, _) = Bundles.Example;
        string metadataJson = dir.File("metadata.json");
        File.WriteAllText(metadataJson, PolicyMetadataJson.Serialize(BundleFile.Read(example).Metadata));
        string path = dir.File("adopted.onnx");
        PythonOracle.RunChecked(ModelHashPython + """
            import json, sys, torch, onnx
            torch.manual_seed(0)
            net = torch.nn.Sequential(torch.nn.Linear(144, 32), torch.nn.Tanh(), torch.nn.Linear(32, 12))
            torch.onnx.export(net, torch.zeros(1, 144), sys.argv[1], input_names=["obs"], output_names=["actions"],
                              dynamic_axes={"obs": {0: "batch"}, "actions": {0: "batch"}}, opset_version=17)
            metadata = json.load(open(sys.argv[2]))
            metadata["weights_sha256"] = model_hash(open(sys.argv[1], "rb").read())
            model = onnx.load(sys.argv[1])
            onnx.helper.set_model_props(model, {"robotpolicy": json.dumps(metadata)})
            onnx.save(model, sys.argv[1])
            """, path, metadataJson);

        Assert.True(BundleFile.Read(path).WeightsHashMatches);
        using var session = PolicySession.Open(path);
        Assert.Null(session.IntegrityWarning);
        var actions = new float[12];
        session.Step(new float[48], actions);
        Assert.All(actions, a => Assert.True(float.IsFinite(a)));
    }

    [OracleFact("onnx", "python3-onnx")]
    public void The_python_model_hash_of_the_docs_agrees_with_the_toolkit()
    {
        var (example, _) = Bundles.Example;
        string hash = PythonOracle.RunChecked(ModelHashPython + """
            import sys
            print(model_hash(open(sys.argv[1], "rb").read()))
            """, example).Trim();
        Assert.Equal(BundleFile.Read(example).Metadata.WeightsSha256, hash);
    }

    /// <summary>The Python function docs/formats.md gives users (kept identical to it).</summary>
    internal const string ModelHashPython = """
        import hashlib

        def model_hash(data: bytes) -> str:
            # SHA-256 over the ModelProto's top-level fields as stored, except 2-6 and metadata_props (14).
            def varint(i):
                value = shift = 0
                while True:
                    byte = data[i]; i += 1
                    value |= (byte & 0x7F) << shift; shift += 7
                    if byte < 0x80:
                        return value, i
            sha, i = hashlib.sha256(), 0
            while i < len(data):
                start = i
                tag, i = varint(i)
                wire = tag & 7
                if wire == 0: _, i = varint(i)
                elif wire == 1: i += 8
                elif wire == 2: n, i = varint(i); i += n
                elif wire == 5: i += 4
                else: raise ValueError(f"not a protobuf file (wire type {wire})")
                if tag >> 3 not in (2, 3, 4, 5, 6, 14):
                    sha.update(data[start:i])
            return sha.hexdigest()

        """;
}
