using RobotPolicy.Bridge.MessagePack;

namespace RobotPolicy.Control.Telemetry;

/// <summary>
/// Appends a telemetry log (see <see cref="TelemetryLogFormat"/>). Used by the telemetry thread only. The file is
/// written as the run goes, not as a temp file renamed at the end, so a killed run keeps every record flushed
/// before it died (flushed at least every summary interval).
/// </summary>
public sealed class TelemetryLogWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _buffer;

    public TelemetryLogWriter(string path, TelemetryHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        Path = path;
        try
        {
            string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
            KeptPrevious = KeepPrevious(path);
            _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write the telemetry log {path}: {e.Message}", e);
        }
        _buffer = new byte[1024 + 12 * (header.FrameDim + 2 * header.ActionDim)];
        var writer = new MessagePackWriter(_buffer);
        writer.WriteMapHeader(10);
        writer.WriteStringUtf8(TelemetryLogFormat.Format);
        writer.WriteString(TelemetryHeader.Format);
        writer.WriteStringUtf8(TelemetryLogFormat.Version);
        writer.WriteUInt64(TelemetryHeader.Version);
        writer.WriteStringUtf8(TelemetryLogFormat.Bundle);
        writer.WriteString(header.BundlePath);
        writer.WriteStringUtf8(TelemetryLogFormat.WeightsSha256);
        writer.WriteString(header.WeightsSha256);
        writer.WriteStringUtf8(TelemetryLogFormat.Robot);
        writer.WriteString(header.RobotName);
        writer.WriteStringUtf8(TelemetryLogFormat.Transport);
        writer.WriteString(header.Transport);
        writer.WriteStringUtf8(TelemetryLogFormat.PeriodNanoseconds);
        writer.WriteInt64(header.PeriodNanoseconds);
        writer.WriteStringUtf8(TelemetryLogFormat.FrameDim);
        writer.WriteInt64(header.FrameDim);
        writer.WriteStringUtf8(TelemetryLogFormat.ActionDim);
        writer.WriteInt64(header.ActionDim);
        writer.WriteStringUtf8(TelemetryLogFormat.StartedNanoseconds);
        writer.WriteInt64(header.StartedNanoseconds);
        _file.Write(_buffer, 0, writer.Position);
    }

    public string Path { get; }

    /// <summary>Where an earlier run's log at <see cref="Path"/> was moved to (nothing is overwritten), or null.</summary>
    public string? KeptPrevious { get; }

    // An earlier log at the path (the run before a restart, say) is renamed with its last write time, never overwritten.
    private static string? KeepPrevious(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        string stem = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".",
            System.IO.Path.GetFileNameWithoutExtension(path));
        string extension = System.IO.Path.GetExtension(path);
        string stamp = File.GetLastWriteTime(path).ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        string target = $"{stem}.{stamp}{extension}";
        for (int n = 2; File.Exists(target); n++)
        {
            target = $"{stem}.{stamp}-{n}{extension}";
        }
        File.Move(path, target);
        return target;
    }

    public void Write(CycleRecord record)
    {
        var writer = new MessagePackWriter(_buffer);
        writer.WriteMapHeader(TelemetryLogFormat.ScalarPairs + (record.HasPolicyStep ? 2 : 0));
        writer.WriteStringUtf8(TelemetryLogFormat.Cycle);
        writer.WriteInt64(record.Cycle);
        writer.WriteStringUtf8(TelemetryLogFormat.Kind);
        writer.WriteStringUtf8(CycleKinds.NameUtf8(record.Kind));
        writer.WriteStringUtf8(TelemetryLogFormat.Sequence);
        writer.WriteUInt64(record.Sequence);
        writer.WriteStringUtf8(TelemetryLogFormat.RobotTime);
        writer.WriteInt64(record.RobotTimeNanoseconds);
        writer.WriteStringUtf8(TelemetryLogFormat.Received);
        writer.WriteInt64(record.ReceivedNanoseconds);
        writer.WriteStringUtf8(TelemetryLogFormat.Decode);
        writer.WriteInt64(record.DecodeNanoseconds);
        writer.WriteStringUtf8(TelemetryLogFormat.Inference);
        writer.WriteInt64(record.InferenceNanoseconds);
        writer.WriteStringUtf8(TelemetryLogFormat.Encode);
        writer.WriteInt64(record.EncodeNanoseconds);
        writer.WriteStringUtf8(TelemetryLogFormat.SendTime);
        writer.WriteInt64(record.SendNanoseconds);
        writer.WriteStringUtf8(TelemetryLogFormat.Sent);
        writer.WriteInt64(record.SentNanoseconds);
        writer.WriteStringUtf8(TelemetryLogFormat.Mode);
        writer.WriteStringUtf8(RobotPolicy.Bridge.Messages.ActionModeTags.Utf8(record.Mode));
        writer.WriteStringUtf8(TelemetryLogFormat.Safety);
        writer.WriteUInt64((ulong)record.Safety);
        writer.WriteStringUtf8(TelemetryLogFormat.Reset);
        writer.WriteBoolean(record.HistoryReset);
        writer.WriteStringUtf8(TelemetryLogFormat.Targets);
        WriteFloats(ref writer, record.Targets.AsSpan(0, record.TargetCount));
        if (record.HasPolicyStep)
        {
            writer.WriteStringUtf8(TelemetryLogFormat.Observation);
            WriteFloats(ref writer, record.Observation);
            writer.WriteStringUtf8(TelemetryLogFormat.PolicyOutput);
            WriteFloats(ref writer, record.PolicyOutput);
        }
        _file.Write(_buffer, 0, writer.Position);
    }

    public void Flush() => _file.Flush(flushToDisk: false);

    public void Dispose() => _file.Dispose();

    private static void WriteFloats(ref MessagePackWriter writer, ReadOnlySpan<float> values)
    {
        writer.WriteArrayHeader(values.Length);
        foreach (float value in values)
        {
            writer.WriteSingle(value);
        }
    }
}
