using System.Text;
using RobotPolicy.Checkpoint.Safetensors;
using static RobotPolicy.Tests.Checkpoint.SafetensorsTestBytes;

namespace RobotPolicy.Tests.Checkpoint;

/// <summary>Every way a safetensors file can be malformed must be reported with the file name and the offending field and value.</summary>
public sealed class SafetensorsFormatErrorTests
{
    private const string FileName = "weights.safetensors";

    private static SafetensorsFormatException Rejects(byte[] bytes, string expectedMessageFragment)
    {
        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Parse(bytes, FileName));
        Assert.StartsWith(FileName + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expectedMessageFragment, error.Message, StringComparison.Ordinal);
        Assert.Equal(FileName, error.SourceName);
        return error;
    }

    private static SafetensorsFormatException RejectsHeader(string headerJson, string expectedMessageFragment, params byte[][] data) =>
        Rejects(BuildPadded(headerJson, data), expectedMessageFragment);

    [Fact]
    public void Too_short_for_the_length_prefix() =>
        Rejects(Zeros(6), "weights.safetensors: truncated: 6 bytes, expected at least 8");

    [Fact]
    public void Header_length_beyond_the_end_of_the_file()
    {
        byte[] bytes = BuildWithDeclaredLength(9_999_999, Encoding.UTF8.GetBytes("{}"), Zeros(1190));
        Assert.Equal(1200, bytes.Length);

        Rejects(bytes, "weights.safetensors: header length 9999999 exceeds file size 1200");
    }

    [Theory]
    [InlineData(100_000_001UL)]
    [InlineData(ulong.MaxValue)]
    public void Absurdly_large_header_length(ulong declared) =>
        Rejects(BuildWithDeclaredLength(declared, Encoding.UTF8.GetBytes("{}")), $"header length {declared} exceeds the 100000000-byte limit");

    [Fact]
    public void Empty_header() =>
        Rejects(Build(""), "header is empty; expected a JSON object");

    [Fact]
    public void Invalid_json_reports_its_position()
    {
        var error = RejectsHeader(
            """{"w":{"dtype":"F32",,"shape":[1]}}""",
            "header is not valid JSON at line 1, byte 21: ',' is an invalid start of a property name. Expected a '\"'.");
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public void Content_after_the_header_object() =>
        RejectsHeader("""{} {}""", "header is not valid JSON");

    [Fact]
    public void Cut_off_header_json() =>
        Rejects(Build("""{"w":{"dtype":"""), "header is not valid JSON");

    [Fact]
    public void Header_that_is_not_an_object() =>
        RejectsHeader("[1, 2]", "header must be a JSON object, found an array");

    [Fact]
    public void Invalid_utf8_in_a_tensor_name()
    {
        byte[] header = [.. "{\""u8, 0xFF, 0xFE, .. "\":{}}"u8];
        Rejects(BuildWithDeclaredLength((ulong)header.Length, header), "header has an undecodable string at header byte 2");
    }

    [Fact]
    public void Unsupported_dtype_is_named_with_the_tensor() =>
        RejectsHeader("""{"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}""", "tensor 'w': unsupported dtype 'Q4' (supported: BOOL, U8, I8", Zeros(1));

    [Fact]
    public void Dtype_spelling_is_case_sensitive() =>
        RejectsHeader("""{"w":{"dtype":"f32","shape":[1],"data_offsets":[0,4]}}""", "tensor 'w': unsupported dtype 'f32'", Zeros(4));

    [Fact]
    public void Byte_count_that_disagrees_with_shape_and_dtype() =>
        RejectsHeader(
            """{"actor.0.weight":{"dtype":"F32","shape":[4,8],"data_offsets":[0,100]}}""",
            "weights.safetensors: tensor 'actor.0.weight': data_offsets [0, 100] hold 100 bytes but shape [4, 8] of F32 needs 128",
            Zeros(100));

    [Fact]
    public void Duplicate_tensor_names() =>
        RejectsHeader(
            """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""",
            "duplicate tensor name 'w'", Zeros(8));

    [Fact]
    public void Duplicate_metadata_entries() =>
        RejectsHeader("""{"__metadata__":{},"__metadata__":{}}""", "more than one '__metadata__' entry");

    [Fact]
    public void Duplicate_metadata_keys() =>
        RejectsHeader("""{"__metadata__":{"step":"1","step":"2"}}""", "'__metadata__' has duplicate key 'step'");

    [Fact]
    public void Metadata_value_that_is_not_a_string() =>
        RejectsHeader("""{"__metadata__":{"epoch":3}}""", "'__metadata__' entry 'epoch' must be a string, found the number 3");

    [Fact]
    public void Metadata_that_is_not_an_object() =>
        RejectsHeader("""{"__metadata__":["a"]}""", "'__metadata__' must be an object of string values, found an array");

    [Fact]
    public void Gap_between_tensors() =>
        RejectsHeader(
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}""",
            "tensor 'b': data_offsets [12, 20] leave a gap of 4 bytes after tensor 'a', which ends at 8", Zeros(20));

    [Fact]
    public void Gap_before_the_first_tensor() =>
        RejectsHeader(
            """{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""",
            "tensor 'a': data_offsets [4, 8] leave a gap of 4 bytes at the start of the data buffer", Zeros(8));

    [Fact]
    public void Overlapping_tensors() =>
        RejectsHeader(
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""",
            "tensor 'b': data_offsets [4, 12] overlap tensor 'a' at data_offsets [0, 8]", Zeros(12));

    [Fact]
    public void Bytes_after_the_last_tensor() =>
        RejectsHeader(
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""",
            "data buffer has 4 bytes that belong to no tensor (the last tensor, 'a', ends at 8, the buffer is 12 bytes)", Zeros(12));

    [Fact]
    public void Data_buffer_without_any_tensor() =>
        RejectsHeader("{}", "data buffer has 3 bytes that belong to no tensor (there are no tensors", Zeros(3));

    [Fact]
    public void Offsets_past_the_end_of_the_buffer() =>
        RejectsHeader(
            """{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""",
            "tensor 'a': data_offsets [0, 16] extend past the end of the 8-byte data buffer", Zeros(8));

    [Fact]
    public void Offsets_that_end_before_they_begin() =>
        RejectsHeader("""{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}""", "tensor 'a': data_offsets [8, 4] end before they begin", Zeros(8));

    [Fact]
    public void Offsets_that_are_not_a_pair() =>
        RejectsHeader("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}""", "tensor 'a': data_offsets must be [begin, end] but has 3 numbers: [0, 4, 8]", Zeros(8));

    [Theory]
    [InlineData("[-1]", "the number -1")]
    [InlineData("[2.5]", "the number 2.5")]
    [InlineData("[\"4\"]", "the string \"4\"")]
    [InlineData("[18446744073709551616]", "the number 18446744073709551616")]
    public void Shape_entries_that_are_not_non_negative_integers(string shape, string described) =>
        RejectsHeader($$$"""{"a":{"dtype":"F32","shape":{{{shape}}},"data_offsets":[0,4]}}""", $"tensor 'a': shape contains {described}, which is not a non-negative 64-bit integer", Zeros(4));

    [Fact]
    public void Shape_that_is_not_an_array() =>
        RejectsHeader("""{"a":{"dtype":"F32","shape":4,"data_offsets":[0,4]}}""", "tensor 'a': shape must be an array of non-negative integers, found the number 4", Zeros(4));

    [Fact]
    public void Shape_whose_byte_size_overflows() =>
        RejectsHeader(
            """{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}""",
            "tensor 'a': shape [4294967296, 4294967296] of F32 is too large to address with 64-bit offsets", Zeros(4));

    [Theory]
    [InlineData("dtype")]
    [InlineData("shape")]
    [InlineData("data_offsets")]
    public void Missing_tensor_field(string missing)
    {
        var fields = new Dictionary<string, string> { ["dtype"] = "\"F32\"", ["shape"] = "[1]", ["data_offsets"] = "[0,4]" };
        fields.Remove(missing);
        string entry = string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}"));

        RejectsHeader($"{{\"a\":{{{entry}}}}}", $"tensor 'a': missing field '{missing}'", Zeros(4));
    }

    [Fact]
    public void Unknown_tensor_field() =>
        RejectsHeader(
            """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"stride":[1]}}""",
            "tensor 'a': unexpected field 'stride' (a tensor entry has dtype, shape and data_offsets)", Zeros(4));

    [Fact]
    public void Repeated_tensor_field() =>
        RejectsHeader("""{"a":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "tensor 'a': field 'dtype' appears more than once", Zeros(4));

    [Fact]
    public void Tensor_entry_that_is_not_an_object() =>
        RejectsHeader("""{"a":"F32"}""", "tensor 'a': expected an object with dtype, shape and data_offsets, found the string \"F32\"");

    [Fact]
    public void Dtype_that_is_not_a_string() =>
        RejectsHeader("""{"a":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}""", "tensor 'a': dtype must be a string, found the number 32", Zeros(4));

    [Fact]
    public void Unknown_tensor_name_lists_the_available_ones()
    {
        var file = SafetensorsFile.Parse(
            BuildPadded("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"b":{"dtype":"U8","shape":[1],"data_offsets":[1,2]},"c":{"dtype":"U8","shape":[1],"data_offsets":[2,3]}}""", Zeros(3)),
            FileName);

        var error = Assert.Throws<SafetensorsFormatException>(() => file.ReadFloat32("x"));

        Assert.Equal("weights.safetensors: no tensor named 'x' (tensors: a, b, c)", error.Message);
    }

    [Fact]
    public void Unknown_tensor_name_in_a_file_with_many_tensors_lists_the_first_twenty()
    {
        var names = Enumerable.Range(0, 25).Select(i => $"t{i}").ToArray();
        string header = "{" + string.Join(",", names.Select((n, i) => $"\"{n}\":{{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[{i},{i + 1}]}}")) + "}";
        var file = SafetensorsFile.Parse(BuildPadded(header, Zeros(25)), FileName);

        var error = Assert.Throws<SafetensorsFormatException>(() => file.Get("x"));

        Assert.EndsWith("t18, t19, ... and 5 more)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float_read_of_an_integer_tensor()
    {
        var file = SafetensorsFile.Parse(BuildPadded("""{"ids":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}""", Int64LittleEndian(3)), FileName);

        var error = Assert.Throws<SafetensorsFormatException>(() => file.ReadFloat32("ids"));

        Assert.Equal("weights.safetensors: tensor 'ids' has dtype I64, which ReadFloat32 does not convert (it reads F32, F64, F16 and BF16)", error.Message);
    }

    [Fact]
    public void F64_value_outside_the_float32_range()
    {
        var file = SafetensorsFile.Parse(
            BuildPadded("""{"d":{"dtype":"F64","shape":[3],"data_offsets":[0,24]}}""", Float64LittleEndian(1.0, 1e300, double.PositiveInfinity)), FileName);

        var error = Assert.Throws<SafetensorsFormatException>(() => file.ReadFloat32("d"));

        Assert.Equal("weights.safetensors: tensor 'd': F64 element 1 is 1E+300, outside the float32 range (it would become infinity)", error.Message);
    }
}
