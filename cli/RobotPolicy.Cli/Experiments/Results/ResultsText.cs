using System.Globalization;
using RobotPolicy.Cli.Experiments.Statistics;

namespace RobotPolicy.Cli.Experiments.Results;

/// <summary>How the tables (Markdown, console, HTML) write numbers, so all three read the same.</summary>
internal static class ResultsText
{
    public const string Missing = "–";

    /// <summary>The table columns after the method, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["teacher return", "student return", "imitation gap", "student / best student", "env steps", "env steps to 90% of best student", "wall s", "seeds"];

    /// <summary>The same columns, named briefly for a console table.</summary>
    public static IReadOnlyList<string> ShortColumns { get; } = ["teacher", "student", "gap", "student/best", "env steps", "steps to 90%", "wall s", "seeds"];

    public static IReadOnlyList<string> Cells(MethodResults m) =>
    [
        Interval(m.TeacherReturn, "0.00"), Interval(m.StudentReturn, "0.00"), Interval(m.ImitationGap, "0.00"),
        Interval(m.StudentFractionOfBest, "0.00"), Interval(m.EnvSteps, "N0"), StepsToNinety(m), Interval(m.WallSeconds, "0.0"), Seeds(m),
    ];

    /// <summary>"not reached" where no seed's student got there; "(k of n seeds)" after the mean where only some did.</summary>
    public static string StepsToNinety(MethodResults m) => m switch
    {
        { SeedsWithCurve: 0 } => Missing,
        { SeedsReachingNinetyPercent: 0 } => "not reached",
        _ when m.SeedsReachingNinetyPercent < m.SeedsWithCurve => $"{Interval(m.StepsToNinetyPercent, "N0")} ({m.SeedsReachingNinetyPercent} of {m.SeedsWithCurve} seeds)",
        _ => Interval(m.StepsToNinetyPercent, "N0"),
    };

    /// <summary>"mean ± half-width"; a single seed is the bare value (the seeds column says there is no interval).</summary>
    public static string Interval(MeanWithInterval? value, string format) => value switch
    {
        null => Missing,
        // Every seed of a train run takes the same steps: "± 0" would only be noise.
        { HalfWidth: double h } when h > 0 => $"{Number(value.Mean, format)} ± {Number(h, format)}",
        _ => Number(value.Mean, format),
    };

    public static string Seeds(MethodResults m)
    {
        string count = m.SeedsWithResults == m.SeedsPlanned ? $"{m.SeedsWithResults}" : $"{m.SeedsWithResults} of {m.SeedsPlanned}";
        return m.SeedsWithResults == 1 ? count + " (no interval)" : count;
    }

    public static string Number(double value, string format = "0.00")
    {
        string text = value.ToString(format, CultureInfo.InvariantCulture);
        // A gap of -0.0004 is no gap: "-0.00" would suggest a sign that the rounding threw away.
        return text.StartsWith('-') && text.Skip(1).All(c => c is '0' or '.' or ',') ? text[1..] : text;
    }

    public static string References(DomainResults d) =>
        $"best teacher {Number(d.BestTeacher, "0.###")}, best student {Number(d.BestStudent, "0.###")}, " +
        $"copy-the-teacher {(d.CopyTeacher is double c ? Number(c, "0.###") : Missing)}; {d.TrainSteps.ToString("N0", CultureInfo.InvariantCulture)} env steps per training run";

    public const string IntervalNote =
        "Cells are the mean over seeds ± the half-width of its 95% confidence interval (Student t, n − 1 degrees of freedom); " +
        "with one seed there is no interval. Returns are deterministic evaluations; the imitation gap is teacher − student; " +
        "student / best student divides by the domain's best possible student return (where returns are costs, below zero, it is best / student: 0.9 is about 11% more cost than the best). Environment steps count everything a " +
        "student cost, the runs it builds on included (BC/DAgger: the teacher's; fine-tuning: DAgger's and the teacher's). Env steps to 90% of best " +
        "student: the first of the student's evaluations during its run (student-curve.csv) at 0.9 of the best student or better, counted the same way, " +
        "averaged over the seeds that got there (how many, where not all); a teacher has no student to evaluate. Wall time is each run's process, all attempts, while sharing the machine with the other parallel runs.";
}
