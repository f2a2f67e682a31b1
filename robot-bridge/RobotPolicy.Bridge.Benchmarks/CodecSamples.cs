using System.Text;
using System.Text.Json;
using RobotPolicy.Bridge.Messages;

namespace RobotPolicy.Bridge.Benchmarks;

/// <summary>
/// The messages the codec benchmark encodes and decodes, the same on both sides of the comparison: a sensor frame
/// of 64 values and an action frame of 12 targets, with fixed sequence numbers and clock readings. Every value is a
/// float32 with a fractional part, so @msgpack/msgpack (which sends a whole-number JS number as an integer) writes
/// it as a float32 exactly as this codec does, and both sides put the same bytes on the wire.
/// </summary>
public static class CodecSamples
{
    public const int SensorValueCount = 64;
    public const int ActionTargetCount = 12;

    public const ulong SensorSequence = 1000;
    public const long SensorTimeNanoseconds = 1_234_567_890_123;

    public const ulong ActionSequence = 1000;
    public const long ActionReceivedNanoseconds = 1_234_567_990_000;
    public const long ActionSentNanoseconds = 1_234_568_000_000;
    public const ActionMode ActionMode = Messages.ActionMode.Normal;

    /// <summary>64 sensor-like values (a few radians, rad/s and unit-vector components).</summary>
    public static float[] SensorValues() => Values(SensorValueCount, scale: 2.5f, phase: 0.1f);

    /// <summary>12 joint targets.</summary>
    public static float[] ActionTargets() => Values(ActionTargetCount, scale: 0.8f, phase: 0.7f);

    /// <summary>The sensor frame as this codec writes it.</summary>
    public static byte[] SensorMessage()
    {
        var buffer = new byte[SensorFrame.MaxLength(SensorValueCount)];
        int length = new SensorFrame(SensorSequence, SensorTimeNanoseconds, SensorValues()).Write(buffer);
        return buffer[..length];
    }

    /// <summary>The action frame as this codec writes it.</summary>
    public static byte[] ActionMessage()
    {
        var buffer = new byte[ActionFrame.MaxLength(ActionTargetCount)];
        int length = new ActionFrame(ActionSequence, ActionReceivedNanoseconds, ActionSentNanoseconds, ActionMode, ActionTargets()).Write(buffer);
        return buffer[..length];
    }

    /// <summary>
    /// Both messages as the JavaScript objects the peer encodes, in JSON: <c>{"sensor": {v, t, seq, ts_ns, values},
    /// "action": {v, t, seq, rx_ns, tx_ns, mode, targets}}</c>, keys in the order this codec writes them. Each float32
    /// is written as the shortest decimal that parses back to the same double, so JavaScript gets it exactly.
    /// </summary>
    public static string JavaScriptObjectsJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartObject("sensor");
            json.WriteNumber("v", Protocol.VersionOf(MessageType.SensorFrame));
            json.WriteString("t", "sensor");
            json.WriteNumber("seq", SensorSequence);
            json.WriteNumber("ts_ns", SensorTimeNanoseconds);
            WriteFloats(json, "values", SensorValues());
            json.WriteEndObject();
            json.WriteStartObject("action");
            json.WriteNumber("v", Protocol.VersionOf(MessageType.ActionFrame));
            json.WriteString("t", "action");
            json.WriteNumber("seq", ActionSequence);
            json.WriteNumber("rx_ns", ActionReceivedNanoseconds);
            json.WriteNumber("tx_ns", ActionSentNanoseconds);
            json.WriteString("mode", "normal");
            WriteFloats(json, "targets", ActionTargets());
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFloats(Utf8JsonWriter json, string name, float[] values)
    {
        json.WriteStartArray(name);
        foreach (float value in values)
        {
            json.WriteNumberValue((double)value);
        }
        json.WriteEndArray();
    }

    private static float[] Values(int count, float scale, float phase)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            float value = MathF.Sin(0.37f * i + phase) * scale;
            // A whole number would go as an integer from JavaScript; nudge it off (none of these is, but keep it true).
            values[i] = float.IsInteger(value) ? value + 0.125f : value;
        }
        return values;
    }
}
