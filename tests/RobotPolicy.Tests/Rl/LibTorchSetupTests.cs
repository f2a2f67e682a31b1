using System.Runtime.InteropServices;
using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.TorchExtensions;

namespace RobotPolicy.Tests.Rl;

/// <summary>How libtorch is started: passive OpenMP waiting, and the options that choose threads and device.</summary>
public class LibTorchSetupTests
{
    [Fact]
    public void OpenMP_waits_passively_unless_the_user_said_otherwise()
    {
        LibTorch.Start();
        // Read through libc: libgomp sees the C environment, which .NET's own environment API does not write.
        string? policy = Marshal.PtrToStringAnsi(getenv("OMP_WAIT_POLICY"));
        Assert.Equal(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "PASSIVE", policy);
    }

    [Fact]
    public void Train_on_cuda_without_a_CUDA_libtorch_is_one_line_naming_the_package_and_the_property()
    {
        using var dir = new TemporaryDirectory();
        var r = CliProcess.Run("train", "--domain", "cartpole", "--device", "cuda", "--out", dir.Path);
        Assert.Equal(1, r.ExitCode);
        string err = r.Err.Trim();
        Assert.DoesNotContain('\n', err);
        Assert.StartsWith("error: --device cuda: ", err);
        Assert.Contains("libtorch-cuda-12.8-linux-x64", err);
        Assert.Contains("-p:RobotPolicyTorchCuda=true", err);
        Assert.False(File.Exists(Path.Combine(dir.Path, "checkpoint.safetensors")));
    }

    [Theory]
    [InlineData("--threads", "0", "error: --threads 0: needs at least 1")]
    [InlineData("--device", "tpu", "error: --device tpu: expected cpu or cuda")]
    public void Bad_torch_options_are_one_line(string option, string value, string expected)
    {
        using var dir = new TemporaryDirectory();
        var r = CliProcess.Run("train", "--domain", "cartpole", option, value, "--out", dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(expected, r.Err.Trim());
    }

    [DllImport("libc")]
    private static extern IntPtr getenv(string name);
}
