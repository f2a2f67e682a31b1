using System.Runtime.InteropServices;
using System.Text.Json;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Runtime;

/// <summary>
/// The GPU build (-p:RobotPolicyGpu=true: ONNX Runtime's CUDA 13 / TensorRT package) as a user gets it, published
/// from a copy of the tree. On a machine without CUDA it must say which library is missing, in one line, and
/// `--fallback cpu` must still run the policy. On a machine with CUDA the same commands must simply work.
/// </summary>
public class GpuBuildTests
{
    private static RuntimePublish.Published Gpu()
    {
        var published = RuntimePublish.Get("gpu-linux-x64", "-r", "linux-x64", "--self-contained", "false", "-p:RobotPolicyGpu=true");
        Assert.True(published.Failure is null, published.Failure);
        return published;
    }

    private static ChildProcess.Result Run(params string[] args) =>
        ChildProcess.Run(Path.Combine(Gpu().Folder, "robotpolicy-runtime"), args, TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" });

    private static bool CudaHere => NativeLibrary.TryLoad("libcublasLt.so.13", out _) && NativeLibrary.TryLoad("libcuda.so.1", out _);

    [Fact]
    public void It_ships_the_provider_libraries_beside_onnxruntime()
    {
        string folder = Gpu().Folder;
        foreach (string lib in new[] { "libonnxruntime.so", "libonnxruntime_providers_shared.so", "libonnxruntime_providers_cuda.so", "libonnxruntime_providers_tensorrt.so" })
        {
            Assert.True(File.Exists(Path.Combine(folder, lib)), $"{lib} missing from the GPU publish");
        }
    }

    [Fact]
    public void Doctor_lists_cuda_and_tensorrt_in_the_build_and_names_what_the_machine_lacks()
    {
        var r = Run("doctor", "--json");
        using var json = JsonDocument.Parse(r.Out);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.Contains("CUDAExecutionProvider", checks["provider:cpu"].GetProperty("finding").GetString());
        var cuda = checks["provider:cuda"];
        if (CudaHere)
        {
            Assert.Equal("ok", cuda.GetProperty("status").GetString());
            return;
        }
        Assert.Equal("warn", cuda.GetProperty("status").GetString());
        Assert.StartsWith("libonnxruntime_providers_cuda.so needs libcublasLt.so.13, which this machine does not have",
            cuda.GetProperty("finding").GetString());
        Assert.StartsWith("libonnxruntime_providers_tensorrt.so needs ", checks["provider:tensorrt"].GetProperty("finding").GetString());
    }

    [Fact]
    public void Cuda_without_cuda_is_one_line_naming_the_library_and_the_fix()
    {
        if (CudaHere)
        {
            return; // a machine with CUDA: the GPU check script measures it instead
        }
        var (bundle, _) = Bundles.Example;
        var r = Run("bench", "infer", bundle, "--provider", "cuda", "--steps", "100", "--warmup", "10");
        Assert.Equal(1, r.ExitCode);
        string line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: execution provider 'cuda' failed to start: libonnxruntime_providers_cuda.so needs libcublasLt.so.13, " +
            "which this machine does not have; install what it names (the NVIDIA driver, CUDA 13, cuDNN 9) or pass --fallback cpu", line);
    }

    [Fact]
    public void Fallback_cpu_runs_the_policy_when_cuda_cannot_start()
    {
        var (bundle, _) = Bundles.Example;
        var r = Run("bench", "infer", bundle, "--provider", "cuda", "--fallback", "cpu", "--steps", "200", "--warmup", "10", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal(CudaHere ? "cuda" : "cpu", json.RootElement.GetProperty("provider").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("allocated_bytes_per_step").GetDouble());
        if (!CudaHere)
        {
            // The fallback is said on stderr, so stdout is still nothing but the JSON.
            Assert.Contains("warning: ", r.Err, StringComparison.Ordinal);
            Assert.Contains("running on cpu", r.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Cuda_graph_without_cuda_is_the_same_one_line()
    {
        if (CudaHere)
        {
            return;
        }
        var (bundle, _) = Bundles.Example;
        var r = Run("bench", "infer", bundle, "--provider", "cuda", "--cuda-graph", "--steps", "100");
        Assert.Equal(1, r.ExitCode);
        string line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: execution provider 'cuda' failed to start: libonnxruntime_providers_cuda.so needs libcublasLt.so.13", line);
    }

    [Fact]
    public void The_gpu_check_script_says_no_gpu_and_measures_nothing_here()
    {
        if (CudaHere)
        {
            return; // on a GPU machine the script measures: run it by hand, it takes minutes
        }
        using var dir = new TemporaryDirectory();
        var (bundle, _) = Bundles.Example;
        var r = ChildProcess.Run("bash", [Path.Combine(Repository.Root, "deploy", "gpu-check.sh"), dir.File("out"), "--runtime", Gpu().Folder, "--bundle", bundle],
            TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error: no usable NVIDIA GPU: libonnxruntime_providers_cuda.so needs libcublasLt.so.13, which this machine does not have; nothing was measured", r.Err, StringComparison.Ordinal);
        Assert.Contains("gpu-check: no usable NVIDIA GPU on this machine", r.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("out/gpu.json")));
        using var doctor = JsonDocument.Parse(File.ReadAllText(dir.File("out/doctor.json")));
        Assert.False(doctor.RootElement.GetProperty("ok").GetBoolean());
    }
}
