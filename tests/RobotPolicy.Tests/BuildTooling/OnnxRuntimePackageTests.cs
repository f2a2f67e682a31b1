using RobotPolicy.Runtime.Session;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.BuildTooling;

/// <summary>
/// ONNX Runtime comes from its NuGet package alone: nothing is fetched with npm to build the product, and a portable
/// build carries the native libraries of the two supported platforms only, where the .NET host and `doctor` find them.
/// </summary>
public class OnnxRuntimePackageTests
{
    [Fact]
    public void The_runtime_uses_the_pinned_nuget_release()
    {
        string props = File.ReadAllText(Path.Combine(Repository.Root, "Directory.Packages.props"));
        string pinned = System.Text.RegularExpressions.Regex.Match(props, "Include=\"Microsoft.ML.OnnxRuntime\" Version=\"([0-9.]+)\"").Groups[1].Value;
        Assert.Equal(pinned, OnnxRuntimeBuild.ManagedVersion.ToString(3));
        Assert.Equal(pinned, OnnxRuntimeBuild.NativeVersion());
    }

    [Fact]
    public void A_portable_build_keeps_only_linux_x64_and_linux_arm64_natives()
    {
        string runtimes = Path.Combine(AppContext.BaseDirectory, "runtimes");
        var withOrt = Directory.GetDirectories(runtimes)
            .Where(d => Directory.GetFiles(d, "*onnxruntime*", SearchOption.AllDirectories).Length > 0)
            .Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["linux-arm64", "linux-x64"], withOrt);
        Assert.True(File.Exists(Path.Combine(OnnxRuntimeBuild.NativeDirectory(), OnnxRuntimeBuild.LibraryName)),
            $"libonnxruntime.so is not in {OnnxRuntimeBuild.NativeDirectory()}, where doctor looks");
    }

    [Fact]
    public void Nothing_in_the_build_or_the_runtime_fetches_with_npm()
    {
        string root = Repository.Root;
        var offenders = new[] { "build", "runtime" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("npm pack", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f)).ToList();
        Assert.Empty(offenders);
    }
}
