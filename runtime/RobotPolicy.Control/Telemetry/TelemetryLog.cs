using MessagePack;
using RobotPolicy.Bridge.Wire;
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
            offset = checked((int)reader.Consumed);
        }
        catch (Exception e) when (MessageCodec.IsUnreadable(e))
        {
            throw new TelemetryLogException($"{path} is not a robotpolicy telemetry log (its header cannot be read: {Reason(e)})");
        }
        var cycles = new List<CycleRecord>();
        string? cutOff = null;
        while (offset < bytes.Length)
        {
            var reader = new MessagePackReader(bytes.AsMemory(offset));
            try
            {
                cycles.Add(ReadCycle(ref reader, header));
            }
            catch (Exception e) when (MessageCodec.IsUnreadable(e) && IsTruncation(bytes.AsMemory(offset)))
            {
                cutOff = $"the log ends inside record {cycles.Count} at byte {offset} ({bytes.Length - offset} bytes left over: the run was killed while writing?): {Reason(e)}";
                break;
            }
            catch (Exception e) when (MessageCodec.IsReaderError(e) || e is FormatException)
            {
                throw new TelemetryLogException($"{path}: record {cycles.Count} at byte {offset} is malformed: {Reason(e)}");
            }
            offset += checked((int)reader.Consumed);
        }
        return new TelemetryLog(header, cycles, cutOff);
    }

    // A cut-off record is one that would read fine given more bytes: skipping it as a whole value runs off the end.
    private static bool IsTruncation(ReadOnlyMemory<byte> rest)
    {
        var reader = new MessagePackReader(rest);
        try
        {
            reader.Skip();
            return false;
        }
        catch (EndOfStreamException)
        {
            return true;
        }
    }

    // The package's exceptions in the bridge's words (where in the record, what was wrong).
    private static string Reason(Exception e) => MessageCodec.IsReaderError(e) ? MessageCodec.Problem(e) : e.Message;

    private static TelemetryHeader ReadHeader(ref MessagePackReader reader, string path)
    {
        string? format = null, bundle = null, sha = null, robot = null, transport = null;
        long period = 0, started = 0;
        int frameDim = -1, actionDim = -1;
        ulong version = 0;
        int pairs = reader.ReadMapHeader();
        for (int i = 0; i < pairs; i++)
        {
            ReadOnlySpan<byte> key = MessagePackFields.ReadKey(ref reader);
            if (key.SequenceEqual(TelemetryLogFormat.Format)) format = MessagePackFields.ReadText(ref reader);
            else if (key.SequenceEqual(TelemetryLogFormat.Version)) version = reader.ReadUInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.Bundle)) bundle = MessagePackFields.ReadText(ref reader);
            else if (key.SequenceEqual(TelemetryLogFormat.WeightsSha256)) sha = MessagePackFields.ReadText(ref reader);
            else if (key.SequenceEqual(TelemetryLogFormat.Robot)) robot = MessagePackFields.ReadText(ref reader);
            else if (key.SequenceEqual(TelemetryLogFormat.Transport)) transport = MessagePackFields.ReadText(ref reader);
            else if (key.SequenceEqual(TelemetryLogFormat.PeriodNanoseconds)) period = reader.ReadInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.FrameDim)) frameDim = reader.ReadInt32();
            else if (key.SequenceEqual(TelemetryLogFormat.ActionDim)) actionDim = reader.ReadInt32();
            else if (key.SequenceEqual(TelemetryLogFormat.StartedNanoseconds)) started = reader.ReadInt64();
            else reader.Skip();
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
            ReadOnlySpan<byte> key = MessagePackFields.ReadKey(ref reader);
            if (key.SequenceEqual(TelemetryLogFormat.Cycle)) record.Cycle = reader.ReadInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.Kind))
            {
                ReadOnlySpan<byte> word = MessagePackFields.ReadUtf8(ref reader);
                record.Kind = CycleKinds.TryParse(word, out CycleKind kind)
                    ? kind
                    : throw new FormatException($"unknown cycle kind '{System.Text.Encoding.UTF8.GetString(word)}'");
            }
            else if (key.SequenceEqual(TelemetryLogFormat.Sequence)) record.Sequence = reader.ReadUInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.RobotTime)) record.RobotTimeNanoseconds = reader.ReadInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.Received)) record.ReceivedNanoseconds = reader.ReadInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.Decode)) record.DecodeNanoseconds = reader.ReadInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.Inference)) record.InferenceNanoseconds = reader.ReadInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.Encode)) record.EncodeNanoseconds = reader.ReadInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.SendTime)) record.SendNanoseconds = reader.ReadInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.Sent)) record.SentNanoseconds = reader.ReadInt64();
            else if (key.SequenceEqual(TelemetryLogFormat.Mode))
            {
                ReadOnlySpan<byte> word = MessagePackFields.ReadUtf8(ref reader);
                record.Mode = ActionModeTags.TryParse(word, out ActionMode mode)
                    ? mode
                    : throw new FormatException($"unknown action mode '{System.Text.Encoding.UTF8.GetString(word)}'");
            }
            else if (key.SequenceEqual(TelemetryLogFormat.Safety)) record.Safety = (SafetyEvents)reader.ReadByte();
            else if (key.SequenceEqual(TelemetryLogFormat.Reset)) record.HistoryReset = reader.ReadBoolean();
            else if (key.SequenceEqual(TelemetryLogFormat.Targets)) record.TargetCount = ReadFloats(ref reader, record.Targets, "targets");
            else if (key.SequenceEqual(TelemetryLogFormat.Observation))
            {
                ReadFloats(ref reader, record.Observation, "obs", exact: true);
                record.HasPolicyStep = true;
            }
            else if (key.SequenceEqual(TelemetryLogFormat.PolicyOutput)) ReadFloats(ref reader, record.PolicyOutput, "policy", exact: true);
            else reader.Skip();
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
