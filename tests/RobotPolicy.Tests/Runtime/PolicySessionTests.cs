using RobotPolicy.Bundle;
using RobotPolicy.Exporter.Reference;
using RobotPolicy.Runtime.Session;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Runtime;

public class PolicySessionTests
{
    [Fact]
    public void Step_stacks_history_as_the_metadata_says_and_matches_the_reference()
    {
        var (path, policy) = Bundles.Example;
        using var session = PolicySession.Open(path);
        var reference = new ReferenceForward(policy);
        Assert.Equal(48, session.FrameDim);
        Assert.Equal(144, session.InputDim);

        // Frame-major, oldest first, history initialised by repeating the first frame.
        var frames = Enumerable.Range(0, 5).Select(k => Enumerable.Range(0, 48).Select(i => (float)Math.Sin(k * 48 + i)).ToArray()).ToArray();
        var actions = new float[12];
        var expected = new float[12];
        for (int k = 0; k < frames.Length; k++)
        {
            session.Step(frames[k], actions);
            float[] stacked = [.. frames[Math.Max(0, k - 2)], .. frames[Math.Max(0, k - 1)], .. frames[k]];
            reference.Forward(stacked, expected);
            for (int a = 0; a < 12; a++)
            {
                Assert.True(MathF.Abs(actions[a] - expected[a]) <= 1e-5f, $"step {k} action {a}: {actions[a]} vs {expected[a]}");
            }
        }
    }

    [Fact]
    public void Reset_starts_a_new_history()
    {
        var (path, _) = Bundles.Example;
        using var session = PolicySession.Open(path);
        var first = new float[12];
        var again = new float[12];
        var frameA = Enumerable.Repeat(0.3f, 48).ToArray();
        var frameB = Enumerable.Repeat(-0.7f, 48).ToArray();
        session.Step(frameA, first);
        session.Step(frameB, again);
        session.Reset();
        session.Step(frameA, again);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Step_allocates_nothing_over_10000_steps()
    {
        var (path, _) = Bundles.Example;
        using var session = PolicySession.Open(path);
        var frame = new float[session.FrameDim];
        var actions = new float[session.ActionDim];
        for (int i = 0; i < 200; i++)
        {
            frame[i % frame.Length] = i * 0.01f;
            session.Step(frame, actions);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            frame[i % frame.Length] = i * 1e-4f;
            session.Step(frame, actions);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Observation_of_the_wrong_length_is_a_clear_error()
    {
        var (path, _) = Bundles.Example;
        using var session = PolicySession.Open(path);
        var e = Assert.Throws<PolicySessionException>(() => session.Step(new float[47], new float[12]));
        Assert.Contains("observation frame has 47 values but the policy expects 48", e.Message);
        e = Assert.Throws<PolicySessionException>(() => session.StepStacked(new float[48], new float[12]));
        Assert.Contains("stacked observation has 48 values but the policy expects 144", e.Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var e = Assert.Throws<PolicySessionException>(() => PolicySession.Open("/nonexistent/policy.onnx"));
        Assert.Equal("/nonexistent/policy.onnx: policy bundle not found", e.Message);
    }

    [Fact]
    public void Truncated_bundle_is_refused_by_name()
    {
        var (path, _) = Bundles.Example;
        using var dir = new TemporaryDirectory();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(dir.File("cut.onnx"), bytes.AsSpan(0, bytes.Length / 2).ToArray());
        var e = Assert.Throws<PolicySessionException>(() => PolicySession.Open(dir.File("cut.onnx")));
        Assert.StartsWith(dir.File("cut.onnx") + ": ONNX Runtime cannot load this file", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Garbage_file_is_refused_by_name()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.File("junk.onnx"), "this is not a model");
        var e = Assert.Throws<PolicySessionException>(() => PolicySession.Open(dir.File("junk.onnx")));
        Assert.StartsWith(dir.File("junk.onnx") + ": ONNX Runtime cannot load this file", e.Message);
    }

    [Fact]
    public void Newer_metadata_schema_is_refused_with_update_advice()
    {
        using var dir = new TemporaryDirectory();
        string path = BundleEditing.WithMetadata(dir.File("v3.onnx"), json => json.Replace("\"schema_version\": 2", "\"schema_version\": 3"));
        var e = Assert.Throws<BundleFormatException>(() => PolicySession.Open(path));
        Assert.Equal($"{path}: metadata schema_version 3 is newer than this robotpolicy reads (2); update robotpolicy", e.Message);
    }

    [Fact]
    public void Metadata_that_disagrees_with_the_graph_names_the_field()
    {
        using var dir = new TemporaryDirectory();
        string path = BundleEditing.WithMetadata(dir.File("wrong.onnx"),
            json => json.Replace("\"name\": \"last_action\",\n        \"dim\": 12", "\"name\": \"last_action\",\n        \"dim\": 11"));
        var e = Assert.Throws<PolicySessionException>(() => PolicySession.Open(path));
        Assert.Equal($"{path}: graph input 'obs' has width 144 but the metadata says 141 (the observation terms' dim x history)", e.Message);
    }

    [Fact]
    public void Unknown_provider_lists_the_known_ones()
    {
        var (path, _) = Bundles.Example;
        var e = Assert.Throws<PolicySessionException>(() => PolicySession.Open(path, new PolicySessionOptions { Provider = "tpu" }));
        Assert.Equal("unknown execution provider 'tpu'; expected one of cpu, cuda, tensorrt", e.Message);
    }

    [Fact]
    public void Unavailable_provider_is_an_error_unless_a_fallback_is_given()
    {
        if (ExecutionProviders.Available().Contains(ExecutionProviders.Cuda))
        {
            return; // A CUDA build on a GPU machine: nothing to refuse here (the GPU tests cover it).
        }
        var (path, _) = Bundles.Example;
        var e = Assert.Throws<PolicySessionException>(() => PolicySession.Open(path, new PolicySessionOptions { Provider = "cuda" }));
        Assert.Equal("execution provider 'cuda' is not available in this ONNX Runtime build (available: cpu); build with -p:RobotPolicyGpu=true for CUDA and TensorRT, or pass --fallback cpu to run on the CPU instead", e.Message);

        using var session = PolicySession.Open(path, new PolicySessionOptions { Provider = "cuda", Fallback = "cpu" });
        Assert.Equal("cpu", session.Provider);
        Assert.Contains("'cuda' is not available", session.FallbackReason);
    }
}
