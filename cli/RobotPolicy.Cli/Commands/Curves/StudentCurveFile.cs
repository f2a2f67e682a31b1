using System.Globalization;

namespace RobotPolicy.Cli.Commands.Curves;

/// <summary>One evaluation of a run's student: its deterministic return after this many of the run's own env steps.</summary>
/// <param name="Phase">What the run was doing: ppo (training), imitation (an aligned run's closing phase), bc or dagger (an imitate run's rounds).</param>
internal sealed record StudentCurvePoint(long EnvSteps, double StudentReturn, int Episodes, string Phase);

/// <summary>
/// RUN/student-curve.csv: the student's return against the run's own environment steps, for every run that has a
/// student (train --agent student-rl, aligned, sitt; imitate). The experiment tables read "env steps to reach 90% of
/// the best student" from it. Steps are the run's own: a run built on others (DAgger on its teacher) is offset by
/// theirs when the experiment reads it. Appended one line per evaluation, like metrics.csv; on resume the points past
/// the checkpoint are dropped first, so a run killed between checkpoints does not list them twice.
/// </summary>
internal static class StudentCurveFile
{
    public const string FileName = "student-curve.csv";
    private const string Header = "env_steps,student_return,episodes,phase";

    /// <summary>Starts the file, or keeps the points of an earlier attempt up to <paramref name="keepUpToSteps"/>.</summary>
    public static void Start(string directory, long keepUpToSteps)
    {
        string path = Path.Combine(directory, FileName);
        var kept = Read(directory).Where(p => p.EnvSteps <= keepUpToSteps).Select(Line);
        Checkpoint.IO.AtomicFile.WriteAllText(path, string.Concat(new[] { Header }.Concat(kept).Select(l => l + "\n")));
    }

    public static void Append(string directory, StudentCurvePoint point) =>
        File.AppendAllText(Path.Combine(directory, FileName), Line(point) + "\n");

    /// <summary>The points in the file, in order; none where there is no file (a run from before the curve, or a teacher).
    /// Lines that do not parse (a line cut by a crash) are skipped.</summary>
    public static IReadOnlyList<StudentCurvePoint> Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }
        var points = new List<StudentCurvePoint>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length == 4
                && long.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long steps)
                && double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && int.TryParse(cells[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int episodes)
                && cells[3].Length > 0)
            {
                points.Add(new StudentCurvePoint(steps, value, episodes, cells[3]));
            }
        }
        return points;
    }

    private static string Line(StudentCurvePoint p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.EnvSteps},{p.StudentReturn.ToString("R", CultureInfo.InvariantCulture)},{p.Episodes},{p.Phase}");
}
