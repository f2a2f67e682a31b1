using System.Buffers.Binary;
using System.Text;
using RobotPolicy.Checkpoint.Safetensors;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Checkpoint;

public sealed class SafetensorsWriterTests
{
    [Fact]
    public void Round_trip_keeps_values_bit_exact_metadata_and_insertion_order()
    {
        float[] awkward =
        [
            0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
            float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC0_1234), 1.1754942e-38f,
        ];
        float[] weights = Enumerable.Range(0, 24).Select(i => MathF.Sin(i) * 1e3f).ToArray();
        var writer = new SafetensorsWriter()
            .AddMetadata("format", "pt")
            .AddMetadata("step", "1200")
            .AddFloat32("z.last.but.added.first", [2, 5], awkward)
            .AddFloat32("actor.0.weight", [4, 6], weights)
            .AddFloat32("scalar", [], [7.5f]);

        var file = SafetensorsFile.Parse(writer.ToArray(), "roundtrip");

        Assert.Equal(["z.last.but.added.first", "actor.0.weight", "scalar"], file.TensorNames);
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["step"] = "1200" }, file.Metadata);
        Assert.Equal(awkward.Select(BitConverter.SingleToInt32Bits), file.ReadFloat32("z.last.but.added.first").Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(weights, file.ReadFloat32("actor.0.weight"));
        Assert.Equal([4L, 6L], file.Get("actor.0.weight").Shape);
        Assert.Empty(file.Get("scalar").Shape);
        Assert.Equal([7.5f], file.ReadFloat32("scalar"));
    }

    [Fact]
    public void Tensors_are_stored_back_to_back_in_insertion_order()
    {
        var file = SafetensorsFile.Parse(
            new SafetensorsWriter().AddFloat32("b", [3], [1, 2, 3]).AddFloat32("a", [0], []).AddFloat32("c", [1], [4]).ToArray(),
            "layout");

        Assert.Equal((0L, 12L), (file.Get("b").DataBegin, file.Get("b").DataEnd));
        Assert.Equal((12L, 12L), (file.Get("a").DataBegin, file.Get("a").DataEnd));
        Assert.Equal((12L, 16L), (file.Get("c").DataBegin, file.Get("c").DataEnd));
    }

    [Fact]
    public void Header_is_padded_with_spaces_to_a_multiple_of_eight_and_matches_the_reference_layout()
    {
        byte[] bytes = new SafetensorsWriter().AddMetadata("k", "v").AddFloat32("w", [1, 2], [1f, 2f]).ToArray();

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);

        Assert.Equal(0UL, headerLength % 8);
        Assert.Equal("""{"__metadata__":{"k":"v"},"w":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]}}""", header.TrimEnd(' '));
        Assert.True(header.Length - header.TrimEnd(' ').Length < 8);
        Assert.Equal(8 + (int)headerLength + 8, bytes.Length);
    }

    [Fact]
    public void Without_metadata_no_metadata_entry_is_written()
    {
        byte[] bytes = new SafetensorsWriter().AddFloat32("w", [1], [1f]).ToArray();

        Assert.DoesNotContain("__metadata__", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_writer_produces_a_valid_file_with_no_tensors()
    {
        var file = SafetensorsFile.Parse(new SafetensorsWriter().ToArray(), "empty");

        Assert.Empty(file.TensorNames);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void Non_ascii_and_quote_characters_survive_the_round_trip()
    {
        var file = SafetensorsFile.Parse(
            new SafetensorsWriter().AddMetadata("note", "épaule \"droite\" <ok>\n").AddFloat32("bras.épaule", [1], [1f]).ToArray(),
            "unicode");

        Assert.Equal("épaule \"droite\" <ok>\n", file.Metadata["note"]);
        Assert.Equal(["bras.épaule"], file.TensorNames);
    }

    [Fact]
    public void Values_are_copied_when_added()
    {
        float[] values = [1f, 2f];
        var writer = new SafetensorsWriter().AddFloat32("w", [2], values);

        values[0] = 99f;

        Assert.Equal([1f, 2f], SafetensorsFile.Parse(writer.ToArray(), "copy").ReadFloat32("w"));
    }

    [Fact]
    public void Save_writes_the_same_bytes_atomically()
    {
        using var dir = new TemporaryDirectory();
        string path = dir.File("checkpoints/step-1.safetensors");
        var writer = new SafetensorsWriter().AddMetadata("step", "1").AddFloat32("w", [2], [0.5f, -0.5f]);

        writer.Save(path);

        Assert.Equal(writer.ToArray(), File.ReadAllBytes(path));
        Assert.Equal([0.5f, -0.5f], SafetensorsFile.Read(path).ReadFloat32("w"));
        Assert.Equal(["step-1.safetensors"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Shape_that_disagrees_with_the_value_count_is_rejected_with_the_tensor_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new SafetensorsWriter().AddFloat32("actor.0.weight", [4, 8], new float[30]));

        Assert.Contains("Tensor 'actor.0.weight': shape [4, 8] has 32 elements but 30 values were given.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_dimensions_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new SafetensorsWriter().AddFloat32("w", [-1, 2], []));

        Assert.Contains("Tensor 'w': shape [-1, 2] has a negative dimension.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_and_reserved_names_are_rejected()
    {
        var writer = new SafetensorsWriter().AddFloat32("w", [1], [1f]).AddMetadata("k", "v");

        Assert.Contains("Tensor 'w' was already added.", Assert.Throws<ArgumentException>(() => writer.AddFloat32("w", [1], [2f])).Message, StringComparison.Ordinal);
        Assert.Contains("'__metadata__' is reserved", Assert.Throws<ArgumentException>(() => writer.AddFloat32("__metadata__", [1], [2f])).Message, StringComparison.Ordinal);
        Assert.Contains("Metadata key 'k' was already added.", Assert.Throws<ArgumentException>(() => writer.AddMetadata("k", "v2")).Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => writer.AddFloat32("", [1], [2f]));
        Assert.Equal(1, writer.TensorCount);
    }
}
