using Microsoft.ML.OnnxRuntime;
using RobotPolicy.Bundle;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Exporter.Reference;

namespace RobotPolicy.Exporter.Verification;

/// <summary>
/// Runs an exported model in ONNX Runtime on random observations and compares every action with the C#
/// reference forward. Export fails when they differ by more than <see cref="Tolerance"/>.
/// </summary>
public static class OrtVerifier
{
    public const float Tolerance = 1e-5f;

    public sealed record Result(int Rows, float MaxAbsError, int WorstRow, int WorstAction);

    public static Result Verify(byte[] modelBytes, MlpPolicy policy, int rows = 256, int seed = 1234)
    {
        var rng = new Random(seed);
        int inDim = policy.InputDim, outDim = policy.ActionDim;
        var obs = new float[rows * inDim];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < inDim; j++)
            {
                // Spread inputs over +-3 standard deviations so that clips and saturations are exercised too.
                float z = (float)(rng.NextDouble() * 6 - 3);
                obs[r * inDim + j] = policy.Normalizer is { } n ? n.Mean[j] + z * n.Std[j] : z;
            }
        }

        float[] ort;
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1 };
            using var session = new InferenceSession(modelBytes, options);
            using var input = OrtValue.CreateTensorValueFromMemory(obs, [rows, inDim]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, [PolicyMetadata.ObservationInputName], [input], [PolicyMetadata.ActionOutputName]);
            ort = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        catch (OnnxRuntimeException e)
        {
            throw new ExportException($"ONNX Runtime rejected the exported model: {e.Message}", e);
        }

        var reference = new ReferenceForward(policy);
        var expected = new float[outDim];
        float worst = 0;
        int worstRow = 0, worstAction = 0;
        for (int r = 0; r < rows; r++)
        {
            reference.Forward(obs.AsSpan(r * inDim, inDim), expected);
            for (int a = 0; a < outDim; a++)
            {
                float err = MathF.Abs(ort[r * outDim + a] - expected[a]);
                if (!(err <= worst))
                {
                    worst = float.IsNaN(err) ? float.PositiveInfinity : err;
                    worstRow = r;
                    worstAction = a;
                }
            }
        }
        return new Result(rows, worst, worstRow, worstAction);
    }
}
