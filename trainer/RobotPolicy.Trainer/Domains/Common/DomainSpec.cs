namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>
/// What a domain is, apart from its dynamics: the name, observation and action shapes, horizon and reference
/// returns that <see cref="IVectorEnv"/> reports. Given to the vectorized wrapper up front so it can size its
/// buffers without calling back into a half-built object.
/// </summary>
public sealed record DomainSpec(
    string Name,
    int TeacherObsDim,
    IReadOnlyList<(string Name, int Dim)> StudentObsTerms,
    ActionSpace ActionSpace,
    int Horizon,
    DomainReturns Reference)
{
    /// <summary>One student frame: the sum of the term sizes.</summary>
    public int StudentObsDim { get; } = StudentObsTerms.Sum(term => term.Dim);
}
