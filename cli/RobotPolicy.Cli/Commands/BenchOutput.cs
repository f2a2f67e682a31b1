using RobotPolicy.Checkpoint.IO;

namespace RobotPolicy.Cli.Commands;

/// <summary>How a benchmark hands over its result: JSON to --out (atomically), then JSON or a table on stdout.</summary>
internal static class BenchOutput
{
    public static int Emit(string json, string? outPath, bool printJson, Action printTable)
    {
        if (outPath is not null)
        {
            AtomicFile.WriteAllText(outPath, json);
        }
        if (printJson)
        {
            Console.WriteLine(json);
        }
        else
        {
            printTable();
        }
        return 0;
    }
}
