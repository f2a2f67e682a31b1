using RobotPolicy.Bridge.MessagePack;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Control.Safety;

namespace RobotPolicy.Control.Telemetry;

/// <summary>A telemetry log read back: its header, its cycles, and whether the file ended inside a record.</summary>
public sealed class TelemetryLog
{
    private TelemetryLog(TelemetryHeader header, IReadOnlyList<CycleRecord> cycles, string? cutOff)
    {
        Header = header;
        Cycles = cycles;
        CutOff = cutOff;
    }

    public TelemetryHeader Header { get; }

    public IReadOnlyList<CycleRecord> Cycles { get; }

    /// <summary>Why the last bytes were not a whole record (the run was killed while writing), or null.</summary>
    public string? CutOff { get; }

    /// <summary>Reads <paramref name="path"/>; a <see cref="TelemetryLogException"/> names the file, the byte offset and the problem.</summary>
    public static TelemetryLog Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TelemetryLogException($"cannot read telemetry log {path}: {e.Message}");
        }
        TelemetryHeader header;
        int offset;
        try
        {
            var reader = new MessagePackReader(bytes);
            header = ReadHeader(ref reader, path);
            offset = reader.Position;
        }
        catch (MessagePackFormatException e)
        {
            throw new TelemetryLogException($"{path} is not a robotpolicy telemetry log (its header cannot be read: {e.Message})");
        }
        var cycles = new List<CycleRecord>();
        string? cutOff = null;
        while (offset < bytes.Length)
        {
            var reader = new MessagePackReader(bytes.AsSpan(offset));
            try
            {
                cycles.Add(ReadCycle(ref reader, header));
            }
            catch (MessagePackFormatException e) when (IsTruncation(bytes.AsSpan(offset)))
            {
                cutOff = $"the log ends inside record {cycles.Count} at byte {offset} ({bytes.Length - offset} bytes left over: the run was killed while writing?): {e.Message}";
                break;
            }
            catch (FormatException e)
            {
                throw new TelemetryLogException($"{path}: record {cycles.Count} at byte {offset} is malformed: {e.Message}");
            }
            offset += reader.Position;
        }
        return new TelemetryLog(header, cycles, cutOff);
    }

    // A cut-off record is one that would read fine given more bytes: skipping it as a whole value runs off the end.
    private static bool IsTruncation(ReadOnlySpan<byte> rest)
    {
        var reader = new MessagePackReader(rest);
        try
        {
            reader.Skip();
            return false;
        }
        catch (MessagePackFormatException)
        {
            return true;
        }
    }

    private static TelemetryHeader ReadHeader(ref MessagePackReader reader, string path)
    {
        string? format = null, bundle = null, sha = null, robot = null, transport = null;
        long period = 0, started = 0;
        int frameDim = -1, actionDim = -1;
        ulong version = 0;
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            if (reader.TryReadStringEquals(TelemetryLogFormat.Format)) format = reader.ReadString();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Version)) version = reader.ReadUInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Bundle)) bundle = reader.ReadString();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.WeightsSha256)) sha = reader.ReadString();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Robot)) robot = reader.ReadString();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Transport)) transport = reader.ReadString();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.PeriodNanoseconds)) period = reader.ReadInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.FrameDim)) frameDim = reader.ReadInt32();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.ActionDim)) actionDim = reader.ReadInt32();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.StartedNanoseconds)) started = reader.ReadInt64();
            else
            {
                reader.Skip();
                reader.Skip();
            }
        }
        if (format != TelemetryHeader.Format)
        {
            throw new TelemetryLogException($"{path} is not a robotpolicy telemetry log (format '{format ?? "(none)"}')");
        }
        if (version > TelemetryHeader.Version)
        {
            throw new TelemetryLogException($"{path} is telemetry log version {version}; this robotpolicy reads up to {TelemetryHeader.Version}: update robotpolicy");
        }
        if (frameDim < 0 || actionDim < 0 || period <= 0 || bundle is null)
        {
            throw new TelemetryLogException($"{path}: the header lacks {(bundle is null ? "bundle" : frameDim < 0 ? "frame_dim" : actionDim < 0 ? "action_dim" : "period_ns")}");
        }
        return new TelemetryHeader(bundle, sha ?? "", robot ?? "", transport ?? "", period, frameDim, actionDim, started);
    }

    private static CycleRecord ReadCycle(ref MessagePackReader reader, TelemetryHeader header)
    {
        var record = new CycleRecord(header.FrameDim, header.ActionDim);
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            if (reader.TryReadStringEquals(TelemetryLogFormat.Cycle)) record.Cycle = reader.ReadInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Kind))
            {
                ReadOnlySpan<byte> word = reader.ReadStringUtf8();
                record.Kind = CycleKinds.TryParse(word, out CycleKind kind)
                    ? kind
                    : throw new FormatException($"unknown cycle kind '{System.Text.Encoding.UTF8.GetString(word)}'");
            }
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Sequence)) record.Sequence = reader.ReadUInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.RobotTime)) record.RobotTimeNanoseconds = reader.ReadInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Received)) record.ReceivedNanoseconds = reader.ReadInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Decode)) record.DecodeNanoseconds = reader.ReadInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Inference)) record.InferenceNanoseconds = reader.ReadInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Encode)) record.EncodeNanoseconds = reader.ReadInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.SendTime)) record.SendNanoseconds = reader.ReadInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Sent)) record.SentNanoseconds = reader.ReadInt64();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Mode))
            {
                ReadOnlySpan<byte> word = reader.ReadStringUtf8();
                record.Mode = ActionModeTags.TryParse(word, out ActionMode mode)
                    ? mode
                    : throw new FormatException($"unknown action mode '{System.Text.Encoding.UTF8.GetString(word)}'");
            }
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Safety)) record.Safety = (SafetyEvents)reader.ReadByte();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Reset)) record.HistoryReset = reader.ReadBoolean();
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Targets)) record.TargetCount = ReadFloats(ref reader, record.Targets, "targets");
            else if (reader.TryReadStringEquals(TelemetryLogFormat.Observation))
            {
                ReadFloats(ref reader, record.Observation, "obs", exact: true);
                record.HasPolicyStep = true;
            }
            else if (reader.TryReadStringEquals(TelemetryLogFormat.PolicyOutput)) ReadFloats(ref reader, record.PolicyOutput, "policy", exact: true);
            else
            {
                reader.Skip();
                reader.Skip();
            }
        }
        return record;
    }

    private static int ReadFloats(ref MessagePackReader reader, float[] destination, string key, bool exact = false)
    {
        int count = reader.ReadArrayHeader();
        if (count > destination.Length || (exact && count != destination.Length))
        {
            throw new FormatException($"'{key}' has {count} values; the header says {destination.Length}");
        }
        for (int i = 0; i < count; i++)
        {
            destination[i] = reader.ReadSingle();
        }
        return count;
    }
}
