using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>Bad input gets one clear line on stderr and a non-zero exit, never a stack trace.</summary>
public class CliErrorTests
{
    private static void AssertOneLineError(ChildProcess.Result r, string expected)
    {
        Assert.Equal(1, r.ExitCode);
        string err = r.Err.Trim();
        Assert.DoesNotContain('\n', err);
        Assert.DoesNotContain("   at ", err);
        Assert.Equal("error: " + expected, err);
    }

    [Fact]
    public void Missing_bundle_file()
    {
        AssertOneLineError(CliProcess.Run("bench", "infer", "/no/such/policy.onnx"), "/no/such/policy.onnx: policy bundle not found");
        AssertOneLineError(CliProcess.Run("inspect", "/no/such/policy.onnx"), "/no/such/policy.onnx: policy bundle not found");
        using var dir = new TemporaryDirectory();
        AssertOneLineError(CliProcess.Run("inspect", dir.Path), $"{dir.Path} is a directory; give the policy bundle (.onnx) in it");
        AssertOneLineError(CliProcess.Run("bench", "infer", dir.Path), $"{dir.Path} is a directory; give the policy bundle (.onnx) in it");
    }

    [Fact]
    public void An_unknown_domain_lists_the_known_ones_without_dotnet_parameter_names()
    {
        using var dir = new TemporaryDirectory();
        var r = CliProcess.Run("train", "--domain", "moon", "--out", dir.File("run"));
        AssertOneLineError(r, "Unknown domain 'moon'. Known domains: tigerdoor, poisoned-doors, point-mass, point-mass-pixels, color-maze, cartpole, mujoco-arm.");
        Assert.DoesNotContain("Parameter", r.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "expected a JSON object at $ (line 1)")]
    [InlineData("{\"layers\": 5}", "expected an array at $.layers (line 1)")]
    [InlineData("{\"observation\": []}", "expected a JSON object at $.observation (line 1)")]
    [InlineData("{\"layers\": [{\"op\": \"linear\", \"weight\": 3}]}", "expected a string at $.layers[0].weight (line 1)")]
    [InlineData("{\"schema_version\": 2}", "missing required fields 'weights', 'observation', 'action', 'control', 'layers' at $ (line 1)")]
    public void A_broken_model_json_is_described_in_json_terms_not_dotnet_types(string json, string expected)
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.File("model.json"), json);
        var r = CliProcess.Run("export", dir.File("model.json"), "--out", dir.File("policy.onnx"));
        AssertOneLineError(r, $"{dir.File("model.json")}: invalid model description: {expected}");
        Assert.DoesNotContain("RobotPolicy.", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", r.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("policy.onnx")));
    }

    [Fact]
    public void A_bad_bundle_for_bench_hil_leaves_no_output_folder()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.File("random.onnx"), "junk");
        string output = dir.File("bench-hil");
        var r = CliProcess.Run("bench", "hil", dir.File("random.onnx"), "--out", output);
        Assert.Equal(1, r.ExitCode);
        Assert.False(Directory.Exists(output), $"{output} was created");
    }

    [MuJoCoFact]
    public void Physics_that_do_not_fit_the_bundle_are_refused_before_anything_is_measured()
    {
        using var dir = new TemporaryDirectory();
        string output = dir.File("bench-hil");
        var r = CliProcess.Run("bench", "hil", Bundles.Example.Path, "--physics", "mujoco-arm", "--out", output);
        AssertOneLineError(r, $"the mujoco-arm physics does not fit {Path.GetFileName(Bundles.Example.Path)}: joint 0 is 'action_0'; the policy expects 'FL_hip_joint'");
        Assert.False(Directory.Exists(output), $"{output} was created");
    }

    [Fact]
    public void A_bad_imitation_setting_names_its_field_and_value()
    {
        using var dir = new TemporaryDirectory();
        AssertOneLineError(CliProcess.Run("train", "--domain", "tigerdoor", "--agent", "aligned", "--imitation-lr", "0", "--out", dir.File("run")),
            "imitation learning rate must be a positive number (got 0)");
        AssertOneLineError(CliProcess.Run("train", "--domain", "tigerdoor", "--agent", "aligned", "--imitation-epochs", "0", "--out", dir.File("run")),
            "imitation epochs must be positive (got 0)");
        Assert.False(Directory.Exists(dir.File("run")), "a rejected command line leaves no run folder");
    }

    [Fact]
    public void Corrupt_bundle_file()
    {
        using var dir = new TemporaryDirectory();
        var (path, _) = Bundles.Example;
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(dir.File("cut.onnx"), bytes[..(bytes.Length / 3)]);
        var r = CliProcess.Run("bench", "infer", dir.File("cut.onnx"));
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"error: {dir.File("cut.onnx")}: ONNX Runtime cannot load this file", r.Err.Trim());
        Assert.DoesNotContain('\n', r.Err.Trim());
        r = CliProcess.Run("inspect", dir.File("cut.onnx"));
        Assert.StartsWith($"error: {dir.File("cut.onnx")}: not a valid ONNX model (truncated or corrupt protobuf", r.Err.Trim());
    }

    [Fact]
    public void Wrong_metadata_version()
    {
        using var dir = new TemporaryDirectory();
        string path = BundleEditing.WithMetadata(dir.File("v9.onnx"), json => json.Replace("\"schema_version\": 2", "\"schema_version\": 9"));
        AssertOneLineError(CliProcess.Run("bench", "infer", path),
            $"{path}: metadata schema_version 9 is newer than this robotpolicy reads (2); update robotpolicy");
    }

    [Fact]
    public void Unknown_provider()
    {
        var (path, _) = Bundles.Example;
        AssertOneLineError(CliProcess.Run("bench", "infer", path, "--provider", "tpu"),
            "unknown execution provider 'tpu'; expected one of cpu, cuda, tensorrt");
    }

    [Fact]
    public void Missing_model_description()
    {
        using var dir = new TemporaryDirectory();
        AssertOneLineError(CliProcess.Run("export", dir.File("model.json"), "--out", dir.File("p.onnx")),
            $"{dir.File("model.json")}: model description not found");
    }
}
