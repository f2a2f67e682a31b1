using RobotPolicy.Checkpoint.Safetensors;
using RobotPolicy.Tests.TestSupport;
using static RobotPolicy.Tests.Checkpoint.SafetensorsTestBytes;

namespace RobotPolicy.Tests.Checkpoint;

public sealed class SafetensorsFileTests
{
    [Fact]
    public void Parses_a_hand_built_file_that_follows_the_published_layout()
    {
        // Header order (b, a) differs from both alphabetical and data order (a's bytes come first).
        const string header =
            """{"__metadata__":{"format":"pt","step":"1200"},"b":{"dtype":"F32","shape":[2,2],"data_offsets":[8,24]},"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}""";
        byte[] bytes = BuildPadded(header, Int64LittleEndian(-7), Float32LittleEndian(1.5f, -2f, 0.25f, 1e-3f));

        var file = SafetensorsFile.Parse(bytes, "hand-built.safetensors");

        Assert.Equal(["b", "a"], file.TensorNames);
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["step"] = "1200" }, file.Metadata);
        TensorInfo b = file.Get("b");
        Assert.Equal(SafetensorsDType.Float32, b.DType);
        Assert.Equal([2L, 2L], b.Shape);
        Assert.Equal((8L, 24L, 16L, 4L), (b.DataBegin, b.DataEnd, b.ByteLength, b.ElementCount));
        Assert.Equal([1.5f, -2f, 0.25f, 1e-3f], file.ReadFloat32("b"));
        Assert.Equal(Int64LittleEndian(-7), file.RawBytes("a").ToArray());
        Assert.Equal(SafetensorsDType.Int64, file.Get("a").DType);
    }

    [Fact]
    public void Header_length_need_not_be_padded_and_trailing_spaces_are_allowed()
    {
        const string header = """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""";

        var unpadded = SafetensorsFile.Parse(Build(header, Float32LittleEndian(3f)), "unpadded");
        var padded = SafetensorsFile.Parse(Build(header + "     ", Float32LittleEndian(3f)), "padded");

        Assert.Equal([3f], unpadded.ReadFloat32("w"));
        Assert.Equal([3f], padded.ReadFloat32("w"));
    }

    [Fact]
    public void A_file_without_metadata_has_empty_metadata_and_null_metadata_counts_as_absent()
    {
        var without = SafetensorsFile.Parse(BuildPadded("{}"), "none");
        var withNull = SafetensorsFile.Parse(BuildPadded("""{"__metadata__":null}"""), "null");

        Assert.Empty(without.Metadata);
        Assert.Empty(without.TensorNames);
        Assert.Empty(withNull.Metadata);
    }

    [Fact]
    public void Scalars_and_zero_sized_tensors_are_valid()
    {
        const string header =
            """{"empty":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]},"scalar":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}""";

        var file = SafetensorsFile.Parse(BuildPadded(header, Float32LittleEndian(42f)), "shapes");

        Assert.Empty(file.ReadFloat32("empty"));
        Assert.Equal(0, file.Get("empty").ElementCount);
        Assert.Equal([42f], file.ReadFloat32("scalar"));
        Assert.Empty(file.Get("scalar").Shape);
        Assert.Equal(1, file.Get("scalar").ElementCount);
    }

    [Fact]
    public void F64_F16_and_BF16_tensors_convert_to_float32()
    {
        const string header =
            """{"d":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"h":{"dtype":"F16","shape":[3],"data_offsets":[16,22]},"bf":{"dtype":"BF16","shape":[2],"data_offsets":[22,26]}}""";
        byte[] half = [0x00, 0x38, 0x00, 0xBE, 0xFF, 0x7B]; // 0.5, -1.5, 65504 (largest finite half)
        byte[] bfloat = [0x80, 0x3F, 0x49, 0x40]; // 1.0, 3.140625

        var file = SafetensorsFile.Parse(BuildPadded(header, Float64LittleEndian(1.0 / 3.0, -2.5e-10), half, bfloat), "mixed");

        Assert.Equal([(float)(1.0 / 3.0), (float)-2.5e-10], file.ReadFloat32("d"));
        Assert.Equal([0.5f, -1.5f, 65504f], file.ReadFloat32("h"));
        Assert.Equal([1f, 3.140625f], file.ReadFloat32("bf"));
    }

    [Fact]
    public void ReadFloat32_into_a_span_fills_it_and_checks_its_length()
    {
        const string header = """{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}""";
        var file = SafetensorsFile.Parse(BuildPadded(header, Float32LittleEndian(1f, 2f, 3f)), "weights.safetensors");
        var destination = new float[3];

        file.ReadFloat32("w", destination);

        Assert.Equal([1f, 2f, 3f], destination);
        var error = Assert.Throws<ArgumentException>(() => file.ReadFloat32("w", new float[4]));
        Assert.Contains("weights.safetensors: tensor 'w' has 3 elements but the destination holds 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_and_TryGet_answer_without_throwing()
    {
        const string header = """{"w":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}""";
        var file = SafetensorsFile.Parse(BuildPadded(header, [7, 9]), "bytes");

        Assert.True(file.Contains("w"));
        Assert.False(file.Contains("W"));
        Assert.True(file.TryGet("w", out TensorInfo? info));
        Assert.Equal(SafetensorsDType.UInt8, info.DType);
        Assert.False(file.TryGet("missing", out _));
        Assert.Equal(new byte[] { 7, 9 }, file.RawBytes("w").ToArray());
    }

    [Fact]
    public void Parse_copies_the_input_so_later_changes_to_the_caller_buffer_do_not_leak_in()
    {
        const string header = """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""";
        byte[] bytes = BuildPadded(header, Float32LittleEndian(5f));
        var file = SafetensorsFile.Parse(bytes, "copy");

        Array.Clear(bytes);

        Assert.Equal([5f], file.ReadFloat32("w"));
    }

    [Fact]
    public void Read_loads_a_file_from_disk_and_names_it_in_errors()
    {
        using var dir = new TemporaryDirectory();
        string path = dir.File("policy.safetensors");
        File.WriteAllBytes(path, BuildPadded("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", Float32LittleEndian(-1f)));

        var file = SafetensorsFile.Read(path);

        Assert.Equal(path, file.SourceName);
        Assert.Equal([-1f], file.ReadFloat32("w"));
        var error = Assert.Throws<SafetensorsFormatException>(() => file.Get("v"));
        Assert.StartsWith($"{path}: no tensor named 'v'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_of_a_missing_file_names_the_path()
    {
        using var dir = new TemporaryDirectory();
        string path = dir.File("absent.safetensors");

        var error = Assert.Throws<FileNotFoundException>(() => SafetensorsFile.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_ascii_and_escaped_names_are_decoded()
    {
        const string header = """{"bras.\u00e9paule":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"main\"gauche":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""";

        var file = SafetensorsFile.Parse(BuildPadded(header, Float32LittleEndian(1f, 2f)), "names");

        Assert.Equal(["bras.épaule", "main\"gauche"], file.TensorNames);
        Assert.Equal([2f], file.ReadFloat32("main\"gauche"));
    }

    [Fact]
    public void Every_dtype_round_trips_through_its_header_name_and_has_a_whole_byte_size()
    {
        foreach (SafetensorsDType dtype in Enum.GetValues<SafetensorsDType>())
        {
            Assert.True(SafetensorsDTypeInfo.TryParseHeaderName(SafetensorsDTypeInfo.HeaderName(dtype), out SafetensorsDType parsed));
            Assert.Equal(dtype, parsed);
            Assert.Contains(SafetensorsDTypeInfo.SizeInBytes(dtype), new[] { 1, 2, 4, 8 });
        }
        Assert.Equal(4, SafetensorsDTypeInfo.SizeInBytes(SafetensorsDType.Float32));
        Assert.Equal("BF16", SafetensorsDTypeInfo.HeaderName(SafetensorsDType.BFloat16));
    }
}
