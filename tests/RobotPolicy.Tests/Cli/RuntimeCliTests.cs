using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>
/// `robotpolicy-runtime`, the runtime-only executable: nothing of the trainer, the exporter's writer or the simulated
/// robot in it, and its commands answer exactly as robotpolicy's (they are the same code, in RobotPolicy.Cli.Shared).
/// </summary>
public class RuntimeCliTests
{
    /// <summary>Assemblies robotpolicy-runtime must not ship or reference.</summary>
    private static readonly string[] TrainerSide =
        ["RobotPolicy.Trainer", "RobotPolicy.SimRobot", "RobotPolicy.Exporter", "RobotPolicy.Bridge.Benchmarks", "BenchmarkDotNet", "robotpolicy"];

    private static ChildProcess.Result Runtime(params string[] args) =>
        ChildProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "robotpolicy-runtime.dll"), .. args], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" });

    [Fact]
    public void Its_deps_json_lists_no_trainer_side_library()
    {
        string deps = Path.Combine(AppContext.BaseDirectory, "robotpolicy-runtime.deps.json");
        using var json = JsonDocument.Parse(File.ReadAllText(deps));
        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToList();
        Assert.Contains("RobotPolicy.Cli.Shared", libraries);
        Assert.Contains("RobotPolicy.Exporter.Reader", libraries);
        Assert.Contains("RobotPolicy.Control", libraries);
        foreach (string name in TrainerSide)
        {
            Assert.DoesNotContain(name, libraries);
        }
    }

    [Fact]
    public void No_assembly_it_loads_references_the_trainer_side()
    {
        // Every assembly reachable from robotpolicy-runtime.dll through assembly references (IL metadata, not the
        // project files), as far as they are beside the tests.
        var seen = new HashSet<string>(StringComparer.Ordinal) { "robotpolicy-runtime" };
        var queue = new Queue<string>(["robotpolicy-runtime"]);
        while (queue.TryDequeue(out string? name))
        {
            string file = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            if (!File.Exists(file))
            {
                continue; // the framework
            }
            using var pe = new PEReader(File.OpenRead(file));
            var md = pe.GetMetadataReader();
            foreach (var handle in md.AssemblyReferences)
            {
                string reference = md.GetString(md.GetAssemblyReference(handle).Name);
                Assert.False(TrainerSide.Contains(reference), $"{name} references {reference}");
                if (seen.Add(reference))
                {
                    queue.Enqueue(reference);
                }
            }
        }
        Assert.Contains("RobotPolicy.Runtime", seen);
        Assert.Contains("Microsoft.ML.OnnxRuntime", seen);
    }

    [Fact]
    public void Has_the_runtime_commands_and_no_others()
    {
        var r = Runtime("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string command in new[] { "inspect <bundle>", "run <bundle>", "replay <log>", "doctor", "bench" })
        {
            Assert.Contains(command, r.Out);
        }
        foreach (string command in new[] { "train", "export", "demo", "sim-robot", "experiment", "imitate" })
        {
            Assert.DoesNotContain($"  {command} ", r.Out);
        }
        r = Runtime("bench", "--help");
        Assert.Contains("infer <bundle>", r.Out);
        Assert.Contains("first-step <bundle>", r.Out);
        Assert.Contains("hil <bundle>", r.Out);
        Assert.DoesNotContain("codec", r.Out);
    }

    [Fact]
    public void Inspect_prints_what_robotpolicy_prints()
    {
        var (path, _) = Bundles.Example;
        foreach (string[] args in new[] { new[] { "inspect", path }, ["inspect", path, "--json"] })
        {
            var expected = CliProcess.Run(args);
            var actual = Runtime(args);
            Assert.Equal(0, expected.ExitCode);
            Assert.Equal(expected.ExitCode, actual.ExitCode);
            Assert.Equal(expected.Out, actual.Out);
            Assert.Equal(expected.Err, actual.Err);
        }
    }

    [Fact]
    public void Errors_read_as_robotpolicy_errors()
    {
        using var dir = new TemporaryDirectory();
        var bytes = File.ReadAllBytes(Bundles.Example.Path);
        File.WriteAllBytes(dir.File("cut.onnx"), bytes[..(bytes.Length / 3)]);
        foreach (string[] args in new[]
        {
            new[] { "inspect", "/no/such/policy.onnx" },
            ["bench", "infer", dir.File("cut.onnx")],
            ["bench", "infer", Bundles.Example.Path, "--steps", "0"],
            ["replay", dir.File("no.tlm")],
        })
        {
            var expected = CliProcess.Run(args);
            var actual = Runtime(args);
            Assert.Equal(1, expected.ExitCode);
            Assert.Equal(expected.ExitCode, actual.ExitCode);
            // The same words; a parse error's help hint names the executable that was run.
            Assert.Equal(expected.Err, actual.Err.Replace("`robotpolicy-runtime ", "`robotpolicy ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Bench_infer_json_has_robotpolicys_fields()
    {
        var (path, _) = Bundles.Example;
        string[] args = ["bench", "infer", path, "--steps", "200", "--warmup", "20", "--json"];
        using var expected = JsonDocument.Parse(CliProcess.Run(args).Out);
        var r = Runtime(args);
        Assert.Equal(0, r.ExitCode);
        using var actual = JsonDocument.Parse(r.Out);
        Assert.Equal(
            expected.RootElement.EnumerateObject().Select(p => p.Name),
            actual.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, actual.RootElement.GetProperty("allocated_bytes_per_step").GetDouble());
    }

    [Fact]
    public void First_step_reports_the_start_up_times()
    {
        var (path, _) = Bundles.Example;
        string t0 = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        var r = Runtime("bench", "first-step", path, "--t0", t0, "--json");
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Out);
        var root = json.RootElement;
        Assert.Equal("cpu", root.GetProperty("provider").GetString());
        Assert.Equal("--t0", root.GetProperty("exec_clock").GetString());
        Assert.True(root.GetProperty("actions_finite").GetBoolean());
        double total = root.GetProperty("exec_to_first_step_ms").GetDouble();
        double parts = root.GetProperty("exec_to_main_ms").GetDouble() + root.GetProperty("main_to_command_ms").GetDouble()
            + root.GetProperty("open_session_ms").GetDouble() + root.GetProperty("first_step_ms").GetDouble();
        Assert.InRange(root.GetProperty("open_session_ms").GetDouble(), 0.01, 60_000);
        Assert.InRange(root.GetProperty("first_step_ms").GetDouble(), 0.001, 60_000);
        Assert.InRange(total, parts - 0.01, parts + 0.01);

        var plain = Runtime("bench", "first-step", path);
        Assert.Equal(0, plain.ExitCode);
        Assert.StartsWith("first step of example.onnx on cpu: ", plain.Out);
        Assert.Contains("kernel process start time", plain.Out);

        var bad = Runtime("bench", "first-step", path, "--t0", "yesterday");
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal("error: --t0 'yesterday' is not a time in Unix seconds (bash: --t0 $EPOCHREALTIME)", bad.Err.Trim());
    }
}
