using RobotPolicy.Bundle;
using RobotPolicy.Checkpoint.Model;
using RobotPolicy.Exporter;
using RobotPolicy.Exporter.Examples;
using RobotPolicy.Exporter.Model;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Oracles;

/// <summary>Every kind of graph the exporter writes must pass the ONNX reference checker (Debian python3-onnx).</summary>
public class OnnxCheckerTests
{
    private const string CheckScript = """
        import sys, json, onnx
        m = onnx.load(sys.argv[1])
        onnx.checker.check_model(m, full_check=True)
        meta = {p.key: p.value for p in m.metadata_props}
        json.loads(meta["robotpolicy"])
        print(m.ir_version, m.opset_import[0].version, [i.name for i in m.graph.input], [o.name for o in m.graph.output])
        """;

    public static TheoryData<string> Variants => new() { "example", "relu-no-normalizer", "elu-layernorm", "silu-term-major", "zeros-init-unclipped", "l2-normalize" };

    [OracleFact("onnx", "python3-onnx")]
    public void Every_variant_passes_onnx_checker_full_check()
    {
        using var dir = new TemporaryDirectory();
        foreach (string variant in Variants)
        {
            string path = dir.File(variant + ".onnx");
            var report = PolicyExporter.Export(Make(variant), path, variant);
            Assert.True(report.MaxAbsError <= 1e-5f, $"{variant}: {report.MaxAbsError}");
            string output = PythonOracle.RunChecked(CheckScript, path);
            Assert.StartsWith("8 17 ['obs'] ['actions']", output.Trim());
        }
    }

    internal static MlpPolicy Make(string variant)
    {
        var (d, t) = ExamplePolicy.Create(seed: 11, hidden: 32, customize: d =>
        {
            switch (variant)
            {
                case "relu-no-normalizer":
                    d.Normalizer = null;
                    d.Layers[1].Op = LayerOps.Relu;
                    d.Layers[3].Op = LayerOps.Relu;
                    break;
                case "elu-layernorm":
                    d.Layers[1] = new LayerSpec { Op = LayerOps.Elu, Alpha = 0.7f };
                    d.Layers.Insert(1, new LayerSpec { Op = LayerOps.LayerNorm, Weight = "ln.weight", Bias = "ln.bias", Epsilon = 1e-5f });
                    break;
                case "silu-term-major":
                    d.Layers[1].Op = LayerOps.Silu;
                    d.Observation.HistoryLayout = HistoryLayouts.TermMajor;
                    d.Observation.Terms[0].History = 1;
                    d.Observation.Terms[6].History = 2;
                    break;
                case "l2-normalize":
                    // An aligned student's shape: encoder, L2-normalized embedding, head (epsilon given explicitly).
                    d.Layers.Insert(2, new LayerSpec { Op = LayerOps.L2Normalize, Epsilon = 1e-6f });
                    break;
                case "zeros-init-unclipped":
                    d.Observation.HistoryInit = HistoryInits.Zeros;
                    d.Normalizer!.Clip = null;
                    d.Action.ClipLow = Enumerable.Repeat(float.NegativeInfinity, 12).ToArray();
                    d.Action.ClipHigh = Enumerable.Repeat(float.PositiveInfinity, 12).ToArray();
                    break;
            }
        });
        return MlpPolicyLoader.Load(d, t, variant);
    }
}
