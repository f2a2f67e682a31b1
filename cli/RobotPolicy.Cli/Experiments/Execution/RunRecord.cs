using System.Text.Json;

namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>
/// RUN/experiment-run.json: the last command the experiment ran in this folder, its exit code, and the wall time of
/// every attempt together (a resumed train run counts its interrupted sessions too). imitation.json has no wall time of
/// its own, so this is where the results table takes it from.
/// </summary>
internal sealed record RunRecord(IReadOnlyList<string> Command, int? ExitCode, double WallSeconds, int Attempts, DateTime FinishedUtc)
{
    public const string FileName = "experiment-run.json";

    public static RunRecord? Read(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CliJsonContext.Default.RunRecord);
        }
        catch (JsonException)
        {
            // Only bookkeeping: a damaged record costs the wall time column, not the run.
            return null;
        }
    }

    public static void Add(string runDirectory, IReadOnlyList<string> command, ChildExit exit)
    {
        var previous = Read(runDirectory);
        var record = new RunRecord(command, exit.ExitCode, (previous?.WallSeconds ?? 0) + exit.WallSeconds, (previous?.Attempts ?? 0) + 1, DateTime.UtcNow);
        Checkpoint.IO.AtomicFile.WriteAllText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(record, CliJsonContext.Default.RunRecord));
    }
}
