using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Deployment;

/// <summary>
/// The linux-arm64 (Jetson-class) builds, self-contained and NativeAOT, cross-built here and run under Debian's
/// qemu-user (build/arm64/run.sh, with the arm64 sysroot build/arm64/sysroot.sh makes): the proof that they run
/// until real hardware is at hand. Both ship the arm64 libonnxruntime.so, and compute the x64 build's actions.
/// </summary>
public class Arm64EmulationTests
{
    private static string RunScript => Path.Combine(Repository.Root, "build", "arm64", "run.sh");

    public static TheoryData<string> Builds => ["self-contained", "NativeAOT"];

    private static RuntimePublish.Published Build(string kind)
    {
        var published = kind == "NativeAOT"
            ? RuntimePublish.Get("linux-arm64-aot", RuntimePublish.NativeAot("linux-arm64"))
            : RuntimePublish.Get("linux-arm64", "-r", "linux-arm64", "--self-contained");
        Assert.True(published.Failure is null, published.Failure);
        return published;
    }

    private static DeploymentChecks.Runner Emulated(string kind) => args =>
        ChildProcess.Run("bash", [RunScript, Path.Combine(Build(kind).Folder, "robotpolicy-runtime"), .. args], TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" });

    [Theory]
    [MemberData(nameof(Builds))]
    public void It_ships_arm64_binaries_only(string kind)
    {
        var published = Build(kind);
        Assert.Equal("aarch64", RuntimePublish.ElfMachine(Path.Combine(published.Folder, "robotpolicy-runtime")));
        Assert.Equal("aarch64", RuntimePublish.ElfMachine(Path.Combine(published.Folder, "libonnxruntime.so")));
        if (kind == "NativeAOT")
        {
            Assert.Empty(DeploymentChecks.Warnings(published));
        }
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void It_inspects_and_benchmarks_the_example_under_emulation(string kind)
    {
        var run = Emulated(kind);
        DeploymentChecks.Inspect(run);
        DeploymentChecks.BenchInfer(run, steps: 1000);
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void Its_actions_equal_the_x64_builds_within_1e_5(string kind) => DeploymentChecks.SameActionsAsX64(Emulated(kind));

    [Fact]
    public void A_sysroot_that_is_not_arm64_is_one_clear_line()
    {
        var r = ChildProcess.Run("bash", [RunScript, "--sysroot", "/", Path.Combine(Build("NativeAOT").Folder, "robotpolicy-runtime"), "inspect", "x"], TimeSpan.FromMinutes(1));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: / is not an arm64 sysroot: it has no lib/ld-linux-aarch64.so.1 (make one with bash build/arm64/sysroot.sh)", r.Err.Trim());
    }
}
