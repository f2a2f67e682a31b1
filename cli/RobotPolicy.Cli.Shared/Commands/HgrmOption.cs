using System.CommandLine;
using RobotPolicy.Checkpoint.IO;
using RobotPolicy.Runtime.Diagnostics;
using Spectre.Console;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// --hgrm FILE on the latency benchmarks: the headline distribution goes to FILE in HdrHistogram's percentile
/// format (microseconds), each other measured one beside it as FILE's name with its own suffix
/// (run.hgrm, run.bare-run.hgrm, ...), for HdrHistogram's plotting tools.
/// </summary>
internal static class HgrmOption
{
    public static Option<string?> Create(string headline) => new("--hgrm")
    {
        Description = $"also write the {headline} latency distribution to this file in HdrHistogram's .hgrm percentile format (microseconds); the other measured ones go beside it",
    };

    /// <summary>Writes the distributions; the first is <paramref name="path"/> itself. Returns the files written.</summary>
    public static IReadOnlyList<string> Write(string path, IEnumerable<KeyValuePair<string, LatencyHistogram>> distributions)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        string stem = Path.GetFileNameWithoutExtension(full);
        string extension = Path.GetExtension(full) is { Length: > 0 } e ? e : ".hgrm";
        var written = new List<string>();
        foreach (var (name, histogram) in distributions)
        {
            string file = written.Count == 0 ? full : Path.Combine(folder, $"{stem}.{name}{extension}");
            AtomicFile.WriteAllText(file, HgrmWriter.Format(histogram));
            written.Add(file);
        }
        return written;
    }

    public static void Report(IReadOnlyList<string> files, bool quiet)
    {
        if (!quiet && files.Count > 0)
        {
            AnsiConsole.MarkupLine($"wrote {Markup.Escape(string.Join(", ", files))} (.hgrm)");
        }
    }
}
