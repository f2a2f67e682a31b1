namespace RobotPolicy.Trainer.Domains;

/// <summary>
/// A batch of independent copies of one domain, stepped together. Every copy auto-resets when its episode ends,
/// so callers never see a finished episode's next state as its own; the last observation of a finished episode is
/// still available (for value bootstrapping of truncated episodes).
/// All buffers are [NumEnvs, dim] row-major; nothing here allocates per step.
/// Determinism: the same seed gives the same trajectories, whatever the thread count.
/// </summary>
public interface IVectorEnv
{
    /// <summary>Short name used on the command line (tigerdoor, poisoned-doors, point-mass, color-maze, cartpole).</summary>
    string Name { get; }

    int NumEnvs { get; }

    /// <summary>Values in the privileged (teacher) observation.</summary>
    int TeacherObsDim { get; }

    /// <summary>Values in one frame of the student's observation (history is stacked by the trainer, not here).</summary>
    int StudentObsDim { get; }

    ActionSpace ActionSpace { get; }

    /// <summary>Steps after which an episode is truncated.</summary>
    int Horizon { get; }

    /// <summary>Documented reference returns (undiscounted episode return).</summary>
    DomainReturns Reference { get; }

    /// <summary>Reset every copy; copy i draws from a stream derived from (seed, i).</summary>
    void Reset(int seed);

    /// <summary>
    /// Advance every copy by one step. <paramref name="actions"/> is [NumEnvs, ActionSpace.Dim] (a discrete action
    /// is its index as a float). Writes rewards, and per copy whether the episode terminated (a real end: no
    /// bootstrapping) or was truncated (horizon reached: bootstrap from the final observation). Finished copies
    /// are reset before returning.
    /// </summary>
    void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated);

    /// <summary>Current privileged observations, [NumEnvs, TeacherObsDim].</summary>
    void WriteTeacherObs(Span<float> destination);

    /// <summary>Current student observation frames, [NumEnvs, StudentObsDim].</summary>
    void WriteStudentObs(Span<float> destination);

    /// <summary>Teacher observation of each copy's last finished episode's final state, [NumEnvs, TeacherObsDim]
    /// (valid for the copies that reported terminated or truncated on the last Step).</summary>
    void WriteFinalTeacherObs(Span<float> destination);

    /// <summary>Names of the student observation terms and their sizes, in frame order (they become the bundle's
    /// observation terms).</summary>
    IReadOnlyList<(string Name, int Dim)> StudentObsTerms { get; }
}

/// <summary>Discrete(n) when <see cref="Discrete"/>; otherwise a box of <see cref="Dim"/> values in [Low, High].</summary>
public sealed record ActionSpace(bool Discrete, int Dim, int Count, float[] Low, float[] High)
{
    public static ActionSpace OfDiscrete(int count) => new(true, 1, count, [0], [count - 1]);

    public static ActionSpace OfBox(float[] low, float[] high) => new(false, low.Length, 0, low, high);
}

/// <summary>
/// Reference returns: the best a teacher can reach, the best a student can reach on its own observations, and what
/// a student that copies the teacher's behaviour without its information gets (the imitation gap's floor).
/// Null where not known analytically; <see cref="Notes"/> says how each was derived.
/// </summary>
public sealed record DomainReturns(double BestTeacher, double BestStudent, double? CopyTeacher, string Notes);
