using System.Buffers.Binary;
using System.Text.Json.Nodes;
using RobotPolicy.Checkpoint.Safetensors;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Checkpoint;

/// <summary>Cross-checks the reader and writer against an independent Python implementation of the format.</summary>
public sealed class SafetensorsPythonOracleTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [OracleFact("json", "python3")]
    public void Reads_a_file_that_python_wrote_from_the_spec()
    {
        string path = _dir.File("from-python.safetensors");

        var (exitCode, _, stderr) = PythonOracle.Run(SafetensorsOracleScripts.WriteFile, [path]);
        Assert.True(exitCode == 0, $"python writer failed: {stderr}");

        var file = SafetensorsFile.Read(path);
        Assert.Equal(["policy.fc.weight", "policy.fc.bias", "half", "bf16", "step"], file.TensorNames);
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["written_by"] = "python oracle" }, file.Metadata);
        Assert.Equal([2L, 3L], file.Get("policy.fc.weight").Shape);
        Assert.Equal([-1f, -0.75f, -0.5f, -0.25f, 0f, 0.25f], file.ReadFloat32("policy.fc.weight"));
        Assert.Equal([(float)(1.0 / 3.0), (float)-2.5e-10, (float)12345.678], file.ReadFloat32("policy.fc.bias"));
        Assert.Equal([0.5f, -1.5f, 65504f, MathF.Pow(2, -14)], file.ReadFloat32("half"));
        Assert.Equal([1f, -2f, 3.140625f, 0.0078125f], file.ReadFloat32("bf16"));
        Assert.Equal(SafetensorsDType.Int64, file.Get("step").DType);
        Assert.Equal(1200, BinaryPrimitives.ReadInt64LittleEndian(file.RawBytes("step")));
    }

    [OracleFact("json", "python3")]
    public void Python_reads_back_exactly_what_the_writer_wrote()
    {
        var random = new Random(1234);
        var tensors = new (string Name, long[] Shape, float[] Values)[]
        {
            ("critic.2.weight", [3, 5], Enumerable.Range(0, 15).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray()),
            ("actor.log_std", [5], [-0f, float.NaN, float.Epsilon, float.MaxValue, float.NegativeInfinity]),
            ("empty", [0], []),
            ("scalar", [], [3.25f]),
        };
        var writer = new SafetensorsWriter().AddMetadata("format", "pt").AddMetadata("note", "écrit par C#");
        foreach (var (name, shape, values) in tensors)
            writer.AddFloat32(name, shape, values);
        string path = _dir.File("from-csharp.safetensors");
        writer.Save(path);

        var expected = new JsonObject
        {
            ["metadata"] = new JsonObject { ["format"] = "pt", ["note"] = "écrit par C#" },
            ["tensors"] = new JsonArray(tensors.Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t.Name,
                ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode)d).ToArray()),
                ["bits"] = new JsonArray(t.Values.Select(v => (JsonNode)BitConverter.SingleToUInt32Bits(v)).ToArray()),
            }).ToArray()),
        };
        var (exitCode, stdout, stderr) = PythonOracle.Run(SafetensorsOracleScripts.CheckFile, [path], expected.ToJsonString());

        Assert.True(exitCode == 0, $"python oracle rejected the file: {stderr}");
        Assert.Equal("ok", stdout.Trim());
    }
}
