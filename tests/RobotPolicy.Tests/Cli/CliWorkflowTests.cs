using System.Text.Json;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>The deploy path as a user drives it: trainer output -> export -> inspect -> bench infer.</summary>
public class CliWorkflowTests
{
    [Fact]
    public void Example_files_export_inspect_and_benchmark()
    {
        using var dir = new TemporaryDirectory();
        var r = CliProcess.Run("example", "--out", dir.File("ckpt"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(File.Exists(dir.File("ckpt/model.json")));
        Assert.True(File.Exists(dir.File("ckpt/weights.safetensors")));

        r = CliProcess.Run("export", dir.File("ckpt"), "--out", dir.File("policy.onnx"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("verified in ONNX Runtime on 256 random observations", r.Out);

        r = CliProcess.Run("inspect", dir.File("policy.onnx"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("ONNX IR 8, opset 17", r.Out);
        Assert.Contains("obs float[batch, 144]", r.Out);
        Assert.Contains("ok", r.Out);
        Assert.Contains("not recorded", r.Out);   // the example was not trained: no training record

        r = CliProcess.Run("bench", "infer", dir.File("policy.onnx"), "--steps", "2000", "--warmup", "500", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        var root = json.RootElement;
        Assert.Equal(0.0, root.GetProperty("allocated_bytes_per_step").GetDouble());
        Assert.Equal(2000, root.GetProperty("step").GetProperty("count").GetInt64());
        Assert.Equal(2000, root.GetProperty("bare_ort_run").GetProperty("count").GetInt64());
        Assert.Equal(2000, root.GetProperty("reference").GetProperty("count").GetInt64());
        Assert.True(root.GetProperty("step").GetProperty("p99_us").GetDouble() > 0);
    }

    [Fact]
    public void Export_refuses_a_model_with_an_unknown_layer_op_naming_it()
    {
        using var dir = new TemporaryDirectory();
        Assert.Equal(0, CliProcess.Run("example", "--out", dir.Path).ExitCode);
        string model = dir.File("model.json");
        string json = File.ReadAllText(model);
        int first = json.IndexOf("\"tanh\"", StringComparison.Ordinal);
        File.WriteAllText(model, json[..first] + "\"swish\"" + json[(first + 6)..]);
        var r = CliProcess.Run("export", model, "--out", dir.File("p.onnx"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"error: {model}: layers[1] (swish): unknown op 'swish'; expected one of linear, relu, tanh, elu, silu, layer_norm, l2_normalize", r.Err.Trim());
        Assert.False(File.Exists(dir.File("p.onnx")));
    }

    [Fact]
    public void Export_refuses_a_model_whose_layers_do_not_fit()
    {
        using var dir = new TemporaryDirectory();
        Assert.Equal(0, CliProcess.Run("example", "--out", dir.Path).ExitCode);
        string model = dir.File("model.json");
        File.WriteAllText(model, File.ReadAllText(model).Replace("\"actor.2.weight\"", "\"actor.0.weight\""));
        var r = CliProcess.Run("export", model, "--out", dir.File("p.onnx"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"error: {model}: layers[2] (linear): weight 'actor.0.weight' has shape [256, 144] ([out, in]) but its input has 256 values", r.Err.Trim());
        Assert.False(File.Exists(dir.File("p.onnx")));
    }
}
