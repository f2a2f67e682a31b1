namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>
/// One copy of a domain as pure static functions over its state: everything that is not batching. Implemented by
/// an empty struct so that <see cref="VectorEnv{TRules, TState}"/> is compiled separately for each domain and these
/// calls inline (no virtual call per copy per step).
/// </summary>
/// <typeparam name="TState">All of one copy's state (a struct kept in a flat array).</typeparam>
public interface IDomainRules<TState>
    where TState : struct
{
    /// <summary>The domain's name, shapes, horizon and reference returns.</summary>
    static abstract DomainSpec Spec { get; }

    /// <summary>Starts a new episode, drawing everything random from <paramref name="random"/>.</summary>
    static abstract void Reset(ref TState state, ref EnvRandom random);

    /// <summary>Advances one step. <paramref name="action"/> holds ActionSpace.Dim values, already checked (a
    /// discrete action is a whole number in range). Returns the reward; sets <paramref name="terminated"/> when the
    /// episode really ended (the wrapper handles the horizon).</summary>
    static abstract float Step(ref TState state, ReadOnlySpan<float> action, ref EnvRandom random, out bool terminated);

    /// <summary>Writes the privileged observation (Spec.TeacherObsDim values). Must not draw random numbers, so
    /// reading an observation never changes a trajectory.</summary>
    static abstract void WriteTeacherObs(in TState state, Span<float> destination);

    /// <summary>Writes one student frame (Spec.StudentObsDim values). Sensor noise, if any, was drawn in Step or
    /// Reset and stored in the state, for the same reason.</summary>
    static abstract void WriteStudentObs(in TState state, Span<float> destination);
}
