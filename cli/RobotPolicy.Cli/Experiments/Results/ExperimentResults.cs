using RobotPolicy.Cli.Experiments.Statistics;

namespace RobotPolicy.Cli.Experiments.Results;

/// <summary>results.json: what an experiment found, per domain and method, over the seeds that have results.</summary>
/// <param name="Command">The command line that produced it, as typed (for the report).</param>
/// <param name="WallSeconds">This invocation's wall time (runs already done earlier cost it nothing).</param>
/// <param name="Problems">Runs without a result, with the reason and the log to read.</param>
internal sealed record ExperimentResults(
    string Suite, string Command, int Seeds, int Jobs, DateTime GeneratedUtc, double WallSeconds, int RunsPlanned, int RunsWithResults,
    IReadOnlyList<DomainResults> Domains, IReadOnlyList<RunProblem> Problems);

/// <summary>One domain: its reference returns and every method's row.</summary>
internal sealed record DomainResults(
    string Domain, long TrainSteps, double BestTeacher, double BestStudent, double? CopyTeacher, string ReferenceNotes,
    IReadOnlyList<MethodResults> Methods);

/// <summary>
/// One method on one domain: each quantity's mean and 95% interval over the seeds with results (null where the
/// method does not have it). The fraction is the student's return over the domain's best student return.
/// </summary>
/// <param name="StepsToNinetyPercent">Env steps until the student first reached 90% of the best student, over the
/// seeds that reached it (<see cref="StepsToFraction"/>).</param>
/// <param name="SeedsWithCurve">Seeds whose run left a student curve (none for a teacher, or a run from before curves).</param>
/// <param name="SeedsReachingNinetyPercent">Of those, the seeds whose student reached 90% of the best.</param>
internal sealed record MethodResults(
    string Method, string Label, string? AblationOf, int SeedsPlanned, int SeedsWithResults,
    MeanWithInterval? TeacherReturn, MeanWithInterval? StudentReturn, MeanWithInterval? ImitationGap,
    MeanWithInterval? StudentFractionOfBest, MeanWithInterval? EnvSteps, MeanWithInterval? WallSeconds,
    MeanWithInterval? StepsToNinetyPercent = null, int SeedsWithCurve = 0, int SeedsReachingNinetyPercent = 0);

/// <summary>A run that has no result after this invocation.</summary>
internal sealed record RunProblem(string Run, string State, string Reason, string Log);
