using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Exporter.Reference;
using RobotPolicy.Runtime.Session;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Plays episodes with an exported student bundle and, on every observation met, checks it against the trainer's
/// own deterministic student: the bundle's reference forward for every env, and ONNX Runtime through a
/// <see cref="PolicySession"/> (which stacks the frames itself) for env 0. A discrete bundle acts (argmax of its
/// logits), so its return equals the trainer's evaluation only if every action agreed.
/// </summary>
internal static class ExportedStudentCheck
{
    /// <summary>The trainer's student on raw stacked rows ([n, input]): its deterministic actions and its head's raw output (logits or mean).</summary>
    public delegate (float[] Actions, float[] Outputs) TrainerStudent(float[] rawRows, int rows);

    public const float Tolerance = 1e-5f;

    public static double MeanReturn(string bundlePath, IVectorEnv env, int history, int episodes, int seed, TrainerStudent trainer)
    {
        var policy = BundleFile.Read(bundlePath).ToPolicy();
        var reference = new ReferenceForward(policy);
        using var session = PolicySession.Open(bundlePath);
        var space = env.ActionSpace;
        int n = env.NumEnvs, input = policy.InputDim, outputs = policy.ActionDim, frame = session.FrameDim;
        var bundle = new float[outputs];
        var ort = new float[outputs];
        int step = 0;
        double result = EpisodeEvaluation.MeanReturn(env, AgentKind.StudentRl, history, episodes, seed, (raw, began, actions) =>
        {
            var (expectedActions, expectedOutputs) = trainer(raw, n);
            var expectedEnv = new float[expectedActions.Length];
            ActionMapping.ToEnv(space, expectedActions, expectedEnv);
            for (int e = 0; e < n; e++)
            {
                reference.Forward(raw.AsSpan(e * input, input), bundle);
                if (e == 0)
                {
                    if (began[0])
                    {
                        session.Reset();
                    }
                    // The newest frame is the last one of the frame-major, oldest-first stack.
                    session.Step(raw.AsSpan(input - frame, frame), ort);
                    AssertClose(bundle, ort, $"step {step}: ONNX Runtime vs reference");
                }
                if (space.Discrete)
                {
                    AssertClose(expectedOutputs.AsSpan(e * outputs, outputs), bundle, $"step {step} env {e}: logits");
                    int chosen = ArgMax(bundle);
                    Assert.True(chosen == (int)expectedActions[e] || IsTie(expectedOutputs.AsSpan(e * outputs, outputs), chosen, (int)expectedActions[e]),
                        $"step {step} env {e}: bundle picks {chosen}, trainer {expectedActions[e]}");
                    actions[e] = chosen;
                }
                else
                {
                    AssertClose(expectedEnv.AsSpan(e * outputs, outputs), bundle, $"step {step} env {e}: actions");
                    expectedActions.AsSpan(e * outputs, outputs).CopyTo(actions.AsSpan(e * outputs));
                }
            }
            step++;
        });
        Assert.True(step > 0);
        return result;
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= Tolerance, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }

    // Two logits within float noise of each other may rank either way; that is not a disagreement.
    private static bool IsTie(ReadOnlySpan<float> logits, int a, int b) => MathF.Abs(logits[a] - logits[b]) <= Tolerance;
}
