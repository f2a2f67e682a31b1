using RobotPolicy.Bundle;
using RobotPolicy.Checkpoint.Model;
using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Exporter.Onnx;
using RobotPolicy.Exporter.Reference;
using RobotPolicy.Exporter.Verification;
using RobotPolicy.Runtime.Session;
using RobotPolicy.Tests.Oracles;
using RobotPolicy.Tests.TestSupport;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Tests.Exporter;

/// <summary>The l2_normalize layer: the trainer's Tensor.normalize, epsilon floor included, in the reference and in ONNX Runtime.</summary>
public class L2NormalizeLayerTests
{
    // A policy that is only the layer: 4 values in, the same 4 normalized out (no normalizer, identity actions).
    private static MlpPolicy OnlyL2Normalize(float? epsilon = null)
    {
        var description = new ModelDescription
        {
            Weights = "weights.safetensors",
            Observation = new ObservationSpec { Terms = [new ObservationTerm { Name = "x", Dim = 4 }] },
            Action = new ActionSpec
            {
                Names = ["a0", "a1", "a2", "a3"],
                Scale = [1, 1, 1, 1],
                Offset = [0, 0, 0, 0],
                ClipLow = Enumerable.Repeat(float.NegativeInfinity, 4).ToArray(),
                ClipHigh = Enumerable.Repeat(float.PositiveInfinity, 4).ToArray(),
            },
            Control = new ControlSpec { PeriodSeconds = 0.02 },
            Layers = [new LayerSpec { Op = LayerOps.L2Normalize, Epsilon = epsilon }],
        };
        return MlpPolicyLoader.Load(description, new InMemoryTensors(), "l2.json");
    }

    // Ordinary rows, one whose norm (2e-14) is under the 1e-12 floor, and the zero row.
    private static readonly float[][] Rows =
    [
        [3f, 4f, 0f, 0f],
        [0.3f, -1.7f, 2.2f, -0.05f],
        [1e-14f, -1e-14f, 1e-14f, 1e-14f],
        [0f, 0f, 0f, 0f],
    ];

    [Fact]
    public void Reference_computes_the_trainers_normalize_with_its_default_epsilon()
    {
        var reference = new ReferenceForward(OnlyL2Normalize());
        var actual = new float[4];
        foreach (var row in Rows)
        {
            reference.Forward(row, actual);
            float[] expected = torch.nn.functional.normalize(TensorArrays.Rows(row, 1, 4), dim: -1).ToFloats();
            Assert.Equal(expected, actual);
        }
        reference.Forward(Rows[2], actual);
        Assert.Equal(0.01f, actual[0], 1e-6f);   // x / 1e-12, not x / ‖x‖
    }

    [Fact]
    public void Onnx_runtime_matches_the_reference_on_ordinary_tiny_and_zero_rows()
    {
        using var dir = new TemporaryDirectory();
        var policy = OnlyL2Normalize();
        var report = PolicyExporter.Export(policy, dir.File("l2.onnx"), "test");
        Assert.True(report.MaxAbsError <= OrtVerifier.Tolerance, $"max abs error {report.MaxAbsError}");

        using var session = PolicySession.Open(dir.File("l2.onnx"));
        var reference = new ReferenceForward(policy);
        var ort = new float[4];
        var expected = new float[4];
        foreach (var row in Rows)
        {
            session.Reset();
            session.Step(row, ort);
            reference.Forward(row, expected);
            for (int i = 0; i < 4; i++)
            {
                Assert.True(MathF.Abs(ort[i] - expected[i]) <= 1e-6f, $"[{string.Join(", ", row)}][{i}]: ORT {ort[i]}, reference {expected[i]}");
            }
        }
    }

    [Fact]
    public void The_layer_and_its_epsilon_are_rebuilt_from_the_graph()
    {
        using var dir = new TemporaryDirectory();
        var policy = OnnxCheckerTests.Make("l2-normalize");
        PolicyExporter.Export(policy, dir.File("p.onnx"), "test");
        var rebuilt = BundleFile.Read(dir.File("p.onnx")).ToPolicy();

        Assert.Equal(policy.Layers.Select(l => l.GetType()), rebuilt.Layers.Select(l => l.GetType()));
        Assert.Equal(1e-6f, rebuilt.Layers.OfType<L2NormalizeLayer>().Single().Epsilon);
        var rng = new Random(5);
        var obs = new float[policy.InputDim];
        var a = new float[policy.ActionDim];
        var b = new float[policy.ActionDim];
        for (int trial = 0; trial < 10; trial++)
        {
            for (int i = 0; i < obs.Length; i++)
            {
                obs[i] = (float)(rng.NextDouble() * 4 - 2);
            }
            new ReferenceForward(policy).Forward(obs, a);
            new ReferenceForward(rebuilt).Forward(obs, b);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void A_non_positive_epsilon_is_refused_naming_the_layer()
    {
        var e = Assert.Throws<ExportException>(() => OnlyL2Normalize(epsilon: 0f));
        Assert.Equal("l2.json: layers[0] (l2_normalize): epsilon must be a positive finite number, found 0", e.Message);
    }

    [Fact]
    public void An_unknown_layer_op_is_refused_naming_it()
    {
        var (d, t) = RobotPolicy.Exporter.Examples.ExamplePolicy.Create(seed: 1, hidden: 8, customize: d => d.Layers[1].Op = "gelu");
        var json = ModelDescriptionJson.Parse(ModelDescriptionJson.Serialize(d), "model.json");
        var e = Assert.Throws<ExportException>(() => MlpPolicyLoader.Load(json, t, "model.json"));
        Assert.Equal("model.json: layers[1] (gelu): unknown op 'gelu'; expected one of linear, relu, tanh, elu, silu, layer_norm, l2_normalize", e.Message);
    }
}
