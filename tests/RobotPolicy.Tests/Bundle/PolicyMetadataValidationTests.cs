using RobotPolicy.Bundle;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Bundle;

/// <summary>Each kind of bad metadata is refused with the field that is wrong and the value found.</summary>
public class PolicyMetadataValidationTests
{
    private static string ExampleJson()
    {
        var (path, _) = Bundles.Example;
        return PolicyMetadataJson.Serialize(RobotPolicy.Exporter.Onnx.BundleFile.Read(path).Metadata);
    }

    private static string ErrorFor(Func<string, string> edit)
    {
        string json = ExampleJson();
        string edited = edit(json);
        Assert.NotEqual(json, edited);
        return Assert.Throws<BundleFormatException>(() => PolicyMetadataJson.Parse(edited, "p.onnx")).Message;
    }

    [Fact]
    public void Valid_metadata_round_trips()
    {
        var parsed = PolicyMetadataJson.Parse(ExampleJson(), "p.onnx");
        Assert.Equal(ExampleJson(), PolicyMetadataJson.Serialize(parsed));
    }

    [Fact]
    public void Action_array_of_the_wrong_length() => Assert.Equal(
        "p.onnx: metadata field 'action.kp' has 11 values but action.names has 12",
        ErrorFor(j => j.Replace("\"kp\": [\n      20,", "\"kp\": [\n")));

    [Fact]
    public void Frame_major_with_mixed_histories() => Assert.Equal(
        "p.onnx: metadata field 'observation.history_layout' is frame_major, which needs one history length for all terms, but 'base_lin_vel' has 3 and 'joint_vel' has 2; use term_major",
        ErrorFor(j => j.Replace("\"name\": \"joint_vel\",\n        \"dim\": 12,\n        \"history\": 3", "\"name\": \"joint_vel\",\n        \"dim\": 12,\n        \"history\": 2")));

    [Fact]
    public void Unknown_layout() => Assert.Equal(
        "p.onnx: metadata field 'observation.history_layout' is 'newest_first'; expected one of frame_major, term_major",
        ErrorFor(j => j.Replace("\"frame_major\"", "\"newest_first\"")));

    [Fact]
    public void Non_positive_period() => Assert.Equal(
        "p.onnx: metadata field 'control.period_seconds' must be a positive number of seconds, found 0",
        ErrorFor(j => j.Replace("\"period_seconds\": 0.02", "\"period_seconds\": 0")));

    [Fact]
    public void Duplicate_joint_name() => Assert.Equal(
        "p.onnx: metadata field 'action.names[1]' repeats the name 'FL_hip_joint'",
        ErrorFor(j => j.Replace("\"FL_thigh_joint\"", "\"FL_hip_joint\"")));

    [Fact]
    public void Clip_bounds_crossed() => Assert.Equal(
        "p.onnx: metadata field 'action.clip_low[0]' (0.9) is above action.clip_high[0] (0.8) for 'FL_hip_joint'",
        ErrorFor(j => j.Replace("\"clip_low\": [\n      -0.8,", "\"clip_low\": [\n      0.9,")));

    [Fact]
    public void Missing_required_section() => Assert.StartsWith(
        "p.onnx: metadata 'robotpolicy' is invalid: ",
        ErrorFor(j => j.Replace("\"control\":", "\"kontrol\":")));

    [Fact]
    public void Not_json() => Assert.StartsWith(
        "p.onnx: metadata 'robotpolicy' is not valid JSON: ",
        ErrorFor(j => j[..^5]));

    [Fact]
    public void Missing_schema_version() => Assert.Equal(
        "p.onnx: metadata field 'schema_version' is missing or not an integer",
        ErrorFor(j => j.Replace("\"schema_version\": 2,", "")));
}
