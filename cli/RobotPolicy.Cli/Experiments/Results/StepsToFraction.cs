using RobotPolicy.Cli.Commands.Curves;

namespace RobotPolicy.Cli.Experiments.Results;

/// <summary>
/// "Env steps to reach 90% of the best student": the first evaluation on a run's student curve at which the student
/// is within the fraction of its domain's best (<see cref="StudentScore.FractionOfBest"/>), at the env steps the
/// student had cost by then, the runs it builds on included.
/// </summary>
internal static class StepsToFraction
{
    public const double Fraction = 0.9;

    /// <param name="offset">Env steps of the runs this one builds on (a DAgger student's teacher), counted before its own.</param>
    /// <returns>The steps, or null where the curve never gets there.</returns>
    public static long? FirstReaching(IReadOnlyList<StudentCurvePoint> curve, long offset, double bestStudent, double fraction = Fraction)
    {
        foreach (var point in curve)
        {
            if (StudentScore.FractionOfBest(point.StudentReturn, bestStudent) is double f && f >= fraction)
            {
                return offset + point.EnvSteps;
            }
        }
        return null;
    }
}
