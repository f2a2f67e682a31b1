using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Examples;
using RobotPolicy.Exporter.Model;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>Exports policies into a temporary folder for tests; the example bundle is exported once per test run.</summary>
internal static class Bundles
{
    private static readonly Lazy<(string Path, MlpPolicy Policy)> SharedExample = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), "robotpolicy-tests-shared-" + Environment.ProcessId);
        // Shared by every test in the run, so it can only go when the test process does.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder must not fail the run.
            }
        };
        var policy = ExamplePolicy.CreatePolicy(seed: 7);
        string path = Path.Combine(dir, "example.onnx");
        PolicyExporter.Export(policy, path, "test example");
        return (path, policy);
    });

    /// <summary>The built-in example policy, exported and verified. Do not modify the file.</summary>
    public static (string Path, MlpPolicy Policy) Example => SharedExample.Value;
}
