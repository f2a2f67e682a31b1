using RobotPolicy.Tests.Deployment;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>`robotpolicy evaluate`: actions for stacked observations, checked against expected ones; bad files in one line.</summary>
public class EvaluateCommandTests
{
    [Fact]
    public void Written_actions_read_back_as_an_exact_match_and_a_changed_one_fails()
    {
        using var dir = new TemporaryDirectory();
        var (observations, actions) = DeploymentChecks.Reference(dir);
        var (bundle, _) = Bundles.Example;
        var same = CliProcess.Run("evaluate", bundle, "--observations", observations, "--expect", actions, "--tolerance", "0");
        Assert.True(same.ExitCode == 0, same.Err);
        Assert.StartsWith("match: 64 rows, max |action - expected| = 0 ", same.Out.Trim());

        var lines = File.ReadAllLines(actions);
        var cells = lines[5].Split(',');
        cells[3] = (float.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture) + 0.01f).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        lines[5] = string.Join(',', cells);
        string changed = dir.File("changed.csv");
        File.WriteAllLines(changed, lines);
        var differ = CliProcess.Run("evaluate", bundle, "--observations", observations, "--expect", changed);
        Assert.Equal(1, differ.ExitCode);
        Assert.Contains("differ: 64 rows", differ.Out, StringComparison.Ordinal);
        Assert.Contains("(row 6, action 4; tolerance 1e-05)", differ.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,2,3", ":1: 3 values, but the policy's stacked observations have 144")]
    [InlineData("", ": no rows of stacked observations")]
    public void A_bad_observation_file_is_one_line(string content, string expectedEnd)
    {
        using var dir = new TemporaryDirectory();
        string path = dir.File("obs.csv");
        File.WriteAllText(path, content);
        var (bundle, _) = Bundles.Example;
        var r = CliProcess.Run("evaluate", bundle, "--observations", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"error: {path}{expectedEnd}", r.Err.Trim());
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_named()
    {
        using var dir = new TemporaryDirectory();
        string path = dir.File("obs.csv");
        File.WriteAllText(path, string.Join(',', Enumerable.Repeat("0", 143).Append("fast")) + "\n");
        var (bundle, _) = Bundles.Example;
        var r = CliProcess.Run("evaluate", bundle, "--observations", path);
        Assert.Equal($"error: {path}:1: value 144 'fast' is not a finite number", r.Err.Trim());
    }
}

/// <summary>`bench gpu` and `--cuda-graph` in the CPU build: one line each saying why nothing runs.</summary>
public class GpuOptionsInTheCpuBuildTests
{
    [Fact]
    public void Bench_gpu_in_the_cpu_build_names_the_build_property()
    {
        var (bundle, _) = Bundles.Example;
        var r = CliProcess.Run("bench", "gpu", bundle);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error: no usable NVIDIA GPU: not in this build: this ONNX Runtime (the CPU package) has no CUDAExecutionProvider; " +
            "nothing was measured (build with -p:RobotPolicyGpu=true)", r.Err.Trim());
    }

    [Fact]
    public void Cuda_graph_needs_the_cuda_provider()
    {
        var (bundle, _) = Bundles.Example;
        var r = CliProcess.Run("bench", "infer", bundle, "--cuda-graph");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error: --cuda-graph needs --provider cuda (not cpu)", r.Err.Trim());
    }

    [Fact]
    public void A_bad_batch_list_is_one_line()
    {
        var (bundle, _) = Bundles.Example;
        var r = CliProcess.Run("bench", "infer", bundle, "--batch", "1,0");
        Assert.Equal("error: --batch '0' is not a batch size (1..1048576); give a comma-separated list such as 1,8,64,512,4096", r.Err.Trim());
    }

    [Fact]
    public void A_batch_sweep_reports_every_size()
    {
        var (bundle, _) = Bundles.Example;
        var r = CliProcess.Run("bench", "infer", bundle, "--batch", "1,16,256", "--steps", "50", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = System.Text.Json.JsonDocument.Parse(r.Out);
        var batches = json.RootElement.GetProperty("batches").EnumerateArray().Select(b => b.GetProperty("batch").GetInt32()).ToArray();
        Assert.Equal([1, 16, 256], batches);
    }
}
