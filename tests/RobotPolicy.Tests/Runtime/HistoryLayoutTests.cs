using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Reference;
using RobotPolicy.Runtime.Session;
using RobotPolicy.Tests.Oracles;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Runtime;

/// <summary>The runtime's stacking, checked against stacking written out by hand from the definitions in docs/formats.md (observation.history_layout, history_init).</summary>
public class HistoryLayoutTests
{
    // Term sizes of the example: 3, 3, 3, 3, 12, 12, 12 (frame of 48).
    private static readonly int[] TermDims = [3, 3, 3, 3, 12, 12, 12];

    private static float[] Frame(int k) => Enumerable.Range(0, 48).Select(i => k * 100f + i).ToArray();

    private static float[] Term(float[] frame, int t) => frame.Skip(TermDims.Take(t).Sum()).Take(TermDims[t]).ToArray();

    [Fact]
    public void Term_major_with_different_histories_and_repeat_first_init()
    {
        // silu-term-major: histories 1, 3, 3, 3, 3, 3, 2; term_major; repeat_first.
        int[] histories = [1, 3, 3, 3, 3, 3, 2];
        var policy = OnnxCheckerTests.Make("silu-term-major");
        using var dir = new TemporaryDirectory();
        PolicyExporter.Export(policy, dir.File("tm.onnx"), "test");
        using var session = PolicySession.Open(dir.File("tm.onnx"));
        var reference = new ReferenceForward(policy);
        var frames = Enumerable.Range(0, 4).Select(Frame).ToArray();
        var actual = new float[12];
        var expected = new float[12];
        for (int k = 0; k < frames.Length; k++)
        {
            var stacked = new List<float>();
            for (int t = 0; t < TermDims.Length; t++)
            {
                for (int h = histories[t] - 1; h >= 0; h--) // oldest first
                {
                    stacked.AddRange(Term(frames[Math.Max(0, k - h)], t));
                }
            }
            Assert.Equal(session.InputDim, stacked.Count);
            session.Step(frames[k], actual);
            reference.Forward(stacked.ToArray(), expected);
            AssertClose(expected, actual, k);
        }
    }

    [Fact]
    public void Frame_major_with_zeros_init()
    {
        var policy = OnnxCheckerTests.Make("zeros-init-unclipped");
        using var dir = new TemporaryDirectory();
        PolicyExporter.Export(policy, dir.File("z.onnx"), "test");
        using var session = PolicySession.Open(dir.File("z.onnx"));
        var reference = new ReferenceForward(policy);
        var actual = new float[12];
        var expected = new float[12];
        var zeros = new float[48];
        for (int k = 0; k < 4; k++)
        {
            float[] stacked = [.. (k >= 2 ? Frame(k - 2) : zeros), .. (k >= 1 ? Frame(k - 1) : zeros), .. Frame(k)];
            session.Step(Frame(k), actual);
            reference.Forward(stacked, expected);
            AssertClose(expected, actual, k);
        }
    }

    private static void AssertClose(float[] expected, float[] actual, int step)
    {
        for (int a = 0; a < expected.Length; a++)
        {
            Assert.True(MathF.Abs(expected[a] - actual[a]) <= 1e-5f, $"step {step}, action {a}: expected {expected[a]}, got {actual[a]}");
        }
    }
}
