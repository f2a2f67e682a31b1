using System.Diagnostics;
using System.Globalization;

namespace RobotPolicy.Control.Hil;

/// <summary>What Debian rt-tests' cyclictest measured (microseconds), or why it did not run.</summary>
public sealed record CyclictestResult(string Command, Percentiles? Latency, long Overflows, string? NotRun);

/// <summary>
/// Runs cyclictest (rt-tests 2.x: clock_nanosleep by default, SCHED_FIFO priority 80, memory locked) at the benchmark's interval for the same
/// duration, with a histogram in microseconds, and reads its percentiles from the histogram.
/// </summary>
internal static class CyclictestRun
{
    public static CyclictestResult Measure(double rateHz, TimeSpan duration)
    {
        string? exe = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "cyclictest")).FirstOrDefault(File.Exists);
        int interval = (int)Math.Round(1e6 / rateHz);
        const int histogramMax = 20_000;
        string args = $"-q -m -p 80 -i {interval} -D {(int)Math.Ceiling(duration.TotalSeconds)} -h {histogramMax}";
        string command = $"cyclictest {args}";
        if (exe is null)
        {
            return new CyclictestResult(command, null, 0, "cyclictest is not installed (Debian package rt-tests)");
        }
        using var process = Process.Start(new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            return new CyclictestResult(command, null, 0, $"cyclictest failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
        }
        return Parse(command, output, histogramMax);
    }

    /// <summary>Percentiles from cyclictest's histogram (one "microseconds count" row per bucket), its overflow count,
    /// and its exact maximum ("# Max Latencies:").</summary>
    internal static CyclictestResult Parse(string command, string output, int histogramMax)
    {
        var counts = new SortedDictionary<int, long>();
        long overflows = 0;
        double? reportedMax = null;
        foreach (string line in output.Split('\n'))
        {
            string[] parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && !line.StartsWith('#') && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int us)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0)
            {
                counts[us] = counts.GetValueOrDefault(us) + n;
            }
            else if (line.StartsWith("# Histogram Overflows:", StringComparison.Ordinal) && parts.Length > 3)
            {
                overflows = long.Parse(parts[3], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("# Max Latencies:", StringComparison.Ordinal) && parts.Length > 3)
            {
                reportedMax = long.Parse(parts[3], CultureInfo.InvariantCulture);
            }
        }
        long total = counts.Values.Sum() + overflows;
        if (total == 0)
        {
            return new CyclictestResult(command, null, 0, "cyclictest printed no histogram");
        }
        double At(double percentile)
        {
            long rank = (long)Math.Ceiling(percentile / 100 * total);
            long seen = 0;
            foreach (var (us, n) in counts)
            {
                seen += n;
                if (seen >= rank)
                {
                    return us;
                }
            }
            return histogramMax;
        }
        double max = reportedMax ?? (overflows > 0 ? histogramMax : counts.Keys.Max());
        return new CyclictestResult(command, new Percentiles("cyclictest wake-up latency", total, At(50), At(90), At(99), At(99.9), At(99.99), max), overflows, null);
    }
}
