namespace RobotPolicy.Cli.Experiments.Results;

/// <summary>How close a student comes to the best a student can do on its domain, as one number where 1 is the best.</summary>
internal static class StudentScore
{
    /// <summary>
    /// Where returns are rewards (best above zero): student / best. Where they are costs (best below zero, as the MuJoCo
    /// arm's distance penalty): best / student, so that 0.9 again means "90% as good" (about 11% more cost) rather than a
    /// ratio above 1 for a worse student. Null where it means nothing: a best of zero, or a cost domain's student at or above zero.
    /// </summary>
    public static double? FractionOfBest(double studentReturn, double bestStudent) => bestStudent switch
    {
        > 0 => studentReturn / bestStudent,
        < 0 when studentReturn < 0 => bestStudent / studentReturn,
        _ => null,
    };
}
