using System.Text.Json;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Deployment;

/// <summary>robotpolicy-runtime as one NativeAOT binary for linux-x64: no trim or AOT warning, and it works.</summary>
public class NativeAotX64Tests
{
    private static RuntimePublish.Published Aot()
    {
        var published = RuntimePublish.Get("linux-x64-aot", RuntimePublish.NativeAot("linux-x64"));
        Assert.True(published.Failure is null, published.Failure);
        return published;
    }

    private static ChildProcess.Result Run(params string[] args) =>
        ChildProcess.Run(Path.Combine(Aot().Folder, "robotpolicy-runtime"), args, TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" });

    [Fact]
    public void It_publishes_without_a_single_warning()
    {
        var published = Aot();
        Assert.Empty(DeploymentChecks.Warnings(published));
        Assert.Equal("x86-64", RuntimePublish.ElfMachine(Path.Combine(published.Folder, "robotpolicy-runtime")));
        // One native executable: no managed assembly of ours or of the packages ships beside it.
        Assert.Empty(Directory.GetFiles(published.Folder, "*.dll"));
    }

    [Fact]
    public void It_inspects_benchmarks_and_refuses_edits() 
    {
        DeploymentChecks.Inspect(Run);
        DeploymentChecks.BenchInfer(Run, steps: 2000);
        DeploymentChecks.RefusesAnEditedBundle(Run);
    }

    [Fact]
    public void Its_actions_equal_the_jit_builds() => DeploymentChecks.SameActionsAsX64(Run);

    [Fact]
    public void First_step_reports_its_parts()
    {
        var (bundle, _) = Bundles.Example;
        var r = Run("bench", "first-step", bundle, "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        Assert.True(json.RootElement.GetProperty("exec_to_first_step_ms").GetDouble() > 0);
    }
}
