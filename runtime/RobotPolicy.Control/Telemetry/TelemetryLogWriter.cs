using MessagePack;
using RobotPolicy.Bridge.Wire;

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
        int length = MessageCodec.Write(_buffer, in header, static (in TelemetryHeader header, ref MessagePackWriter writer) => WriteHeader(ref writer, header));
        _file.Write(_buffer, 0, length);
    }

    private static void WriteHeader(ref MessagePackWriter writer, TelemetryHeader header)
    {
        writer.WriteMapHeader(10);
        writer.WriteString(TelemetryLogFormat.Format);
        MessagePackFields.WriteText(ref writer, TelemetryHeader.Format);
        writer.WriteString(TelemetryLogFormat.Version);
        writer.Write(TelemetryHeader.Version);
        writer.WriteString(TelemetryLogFormat.Bundle);
        MessagePackFields.WriteText(ref writer, header.BundlePath);
        writer.WriteString(TelemetryLogFormat.WeightsSha256);
        MessagePackFields.WriteText(ref writer, header.WeightsSha256);
        writer.WriteString(TelemetryLogFormat.Robot);
        MessagePackFields.WriteText(ref writer, header.RobotName);
        writer.WriteString(TelemetryLogFormat.Transport);
        MessagePackFields.WriteText(ref writer, header.Transport);
        writer.WriteString(TelemetryLogFormat.PeriodNanoseconds);
        writer.Write(header.PeriodNanoseconds);
        writer.WriteString(TelemetryLogFormat.FrameDim);
        writer.Write(header.FrameDim);
        writer.WriteString(TelemetryLogFormat.ActionDim);
        writer.Write(header.ActionDim);
        writer.WriteString(TelemetryLogFormat.StartedNanoseconds);
        writer.Write(header.StartedNanoseconds);
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
        int length = MessageCodec.Write(_buffer, in record, static (in CycleRecord record, ref MessagePackWriter writer) => WriteCycle(ref writer, record));
        _file.Write(_buffer, 0, length);
    }

    private static void WriteCycle(ref MessagePackWriter writer, CycleRecord record)
    {
        writer.WriteMapHeader(TelemetryLogFormat.ScalarPairs + (record.HasPolicyStep ? 2 : 0));
        writer.WriteString(TelemetryLogFormat.Cycle);
        writer.Write(record.Cycle);
        writer.WriteString(TelemetryLogFormat.Kind);
        writer.WriteString(CycleKinds.NameUtf8(record.Kind));
        writer.WriteString(TelemetryLogFormat.Sequence);
        writer.Write(record.Sequence);
        writer.WriteString(TelemetryLogFormat.RobotTime);
        writer.Write(record.RobotTimeNanoseconds);
        writer.WriteString(TelemetryLogFormat.Received);
        writer.Write(record.ReceivedNanoseconds);
        writer.WriteString(TelemetryLogFormat.Decode);
        writer.Write(record.DecodeNanoseconds);
        writer.WriteString(TelemetryLogFormat.Inference);
        writer.Write(record.InferenceNanoseconds);
        writer.WriteString(TelemetryLogFormat.Encode);
        writer.Write(record.EncodeNanoseconds);
        writer.WriteString(TelemetryLogFormat.SendTime);
        writer.Write(record.SendNanoseconds);
        writer.WriteString(TelemetryLogFormat.Sent);
        writer.Write(record.SentNanoseconds);
        writer.WriteString(TelemetryLogFormat.Mode);
        writer.WriteString(RobotPolicy.Bridge.Messages.ActionModeTags.Utf8(record.Mode));
        writer.WriteString(TelemetryLogFormat.Safety);
        writer.Write((ulong)record.Safety);
        writer.WriteString(TelemetryLogFormat.Reset);
        writer.Write(record.HistoryReset);
        writer.WriteString(TelemetryLogFormat.Targets);
        WriteFloats(ref writer, record.Targets.AsSpan(0, record.TargetCount));
        if (record.HasPolicyStep)
        {
            writer.WriteString(TelemetryLogFormat.Observation);
            WriteFloats(ref writer, record.Observation);
            writer.WriteString(TelemetryLogFormat.PolicyOutput);
            WriteFloats(ref writer, record.PolicyOutput);
        }
    }

    public void Flush() => _file.Flush(flushToDisk: false);

    public void Dispose() => _file.Dispose();

    private static void WriteFloats(ref MessagePackWriter writer, ReadOnlySpan<float> values)
    {
        writer.WriteArrayHeader(values.Length);
        foreach (float value in values)
        {
            writer.Write(value);
        }
    }
}
