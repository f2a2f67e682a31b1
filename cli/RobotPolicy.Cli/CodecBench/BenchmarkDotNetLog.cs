using System.Text;
using BenchmarkDotNet.Loggers;

namespace RobotPolicy.Cli.CodecBench;

/// <summary>
/// BenchmarkDotNet's log, line by line, into robotpolicy's NLog log (its console output would fight the progress
/// display), and each benchmark's start as an event, for the progress bar.
/// </summary>
internal sealed class BenchmarkDotNetLog(Action<string> benchmarkStarted) : ILogger
{
    private const string BenchmarkLinePrefix = "// Benchmark: ";
    private static readonly NLog.Logger Log = NLog.LogManager.GetLogger("BenchmarkDotNet");
    private readonly StringBuilder _line = new();

    public string Id => nameof(BenchmarkDotNetLog);

    public int Priority => 0;

    public void Write(LogKind logKind, string text) => _line.Append(text);

    public void WriteLine() => EndLine(LogKind.Default);

    public void WriteLine(LogKind logKind, string text)
    {
        _line.Append(text);
        EndLine(logKind);
    }

    public void Flush()
    {
        if (_line.Length > 0)
        {
            EndLine(LogKind.Default);
        }
    }

    private void EndLine(LogKind kind)
    {
        string line = _line.ToString();
        _line.Clear();
        if (line.Length == 0)
        {
            return;
        }
        if (kind == LogKind.Error)
        {
            Log.Error(line);
        }
        else
        {
            Log.Info(line);
        }
        if (line.StartsWith(BenchmarkLinePrefix, StringComparison.Ordinal))
        {
            // "// Benchmark: CodecBenchmarks.SensorFrame64_Encode: codec(Toolchain=...)"
            string name = line[BenchmarkLinePrefix.Length..].Split(':', 2)[0];
            benchmarkStarted(name[(name.LastIndexOf('.') + 1)..]);
        }
    }
}
