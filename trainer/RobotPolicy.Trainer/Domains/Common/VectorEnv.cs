namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>
/// The batching half of every domain: <see cref="IVectorEnv"/> over <c>NumEnvs</c> copies whose single-copy rules are
/// <typeparamref name="TRules"/>. States and random streams live in flat arrays indexed by copy. A step runs on the
/// calling thread, or over equal chunks of copies on the thread pool when <see cref="StepParallelism"/> says the batch
/// is big enough; either way each copy only touches its own state and stream, so results are bit-identical.
/// </summary>
public class VectorEnv<TRules, TState> : IVectorEnv
    where TRules : struct, IDomainRules<TState>
    where TState : struct
{
    private readonly DomainSpec spec;
    private readonly TState[] states;
    private readonly EnvRandom[] randoms;
    private readonly int[] episodeSteps;
    private readonly int chunkCount;
    private readonly ParallelOptions parallelOptions;
    // Created once: a fresh lambda per Step would allocate.
    private readonly Action<int> stepChunk;

    // Spans cannot be handed to worker threads, so Step copies the actions in and the results out through these.
    private readonly float[] actionBuffer;
    private readonly float[] rewardBuffer;
    private readonly bool[] terminatedBuffer;
    private readonly bool[] truncatedBuffer;
    private readonly float[] finalTeacherObs;
    private bool hasReset;

    public VectorEnv(int numEnvs, StepParallelism? parallelism = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numEnvs, 1);
        spec = TRules.Spec;
        NumEnvs = numEnvs;
        parallelism ??= StepParallelism.Default;
        chunkCount = parallelism.ChunkCount(numEnvs);
        parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = parallelism.MaxDegreeOfParallelism };
        stepChunk = StepChunk;
        states = new TState[numEnvs];
        randoms = new EnvRandom[numEnvs];
        episodeSteps = new int[numEnvs];
        actionBuffer = new float[numEnvs * spec.ActionSpace.Dim];
        rewardBuffer = new float[numEnvs];
        terminatedBuffer = new bool[numEnvs];
        truncatedBuffer = new bool[numEnvs];
        finalTeacherObs = new float[numEnvs * spec.TeacherObsDim];
    }

    public string Name => spec.Name;

    public int NumEnvs { get; }

    public int TeacherObsDim => spec.TeacherObsDim;

    public int StudentObsDim => spec.StudentObsDim;

    public ActionSpace ActionSpace => spec.ActionSpace;

    public int Horizon => spec.Horizon;

    public DomainReturns Reference => spec.Reference;

    public IReadOnlyList<(string Name, int Dim)> StudentObsTerms => spec.StudentObsTerms;

    /// <summary>How many chunks a step is split into (1: on the calling thread).</summary>
    public int ChunkCount => chunkCount;

    /// <summary>Copy <paramref name="env"/>'s current state, for tests, visualisation and debugging.</summary>
    public ref readonly TState StateOf(int env) => ref states[env];

    /// <summary>Steps taken so far in copy <paramref name="env"/>'s current episode.</summary>
    public int EpisodeStepOf(int env) => episodeSteps[env];

    public void Reset(int seed)
    {
        for (int env = 0; env < NumEnvs; env++)
        {
            randoms[env] = EnvRandom.Create(seed, env);
            episodeSteps[env] = 0;
            TRules.Reset(ref states[env], ref randoms[env]);
        }
        // Stale rows from an earlier run would make two runs with the same seed differ.
        Array.Clear(finalTeacherObs);
        Array.Clear(rewardBuffer);
        Array.Clear(terminatedBuffer);
        Array.Clear(truncatedBuffer);
        hasReset = true;
    }

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        EnsureReset();
        CheckLength(actions.Length, actionBuffer.Length, spec.ActionSpace.Dim, nameof(actions));
        CheckLength(rewards.Length, NumEnvs, 1, nameof(rewards));
        CheckLength(terminated.Length, NumEnvs, 1, nameof(terminated));
        CheckLength(truncated.Length, NumEnvs, 1, nameof(truncated));
        // Checked here, on the caller's thread, so a bad action is an ArgumentException and not an AggregateException.
        ActionChecks.CopyChecked(spec.ActionSpace, actions, actionBuffer);

        if (chunkCount == 1)
        {
            StepRange(0, NumEnvs);
        }
        else
        {
            Parallel.For(0, chunkCount, parallelOptions, stepChunk);
        }

        rewardBuffer.CopyTo(rewards);
        terminatedBuffer.CopyTo(terminated);
        truncatedBuffer.CopyTo(truncated);
    }

    public void WriteTeacherObs(Span<float> destination)
    {
        EnsureReset();
        int dim = spec.TeacherObsDim;
        CheckLength(destination.Length, NumEnvs * dim, dim, nameof(destination));
        for (int env = 0; env < NumEnvs; env++)
        {
            TRules.WriteTeacherObs(in states[env], destination.Slice(env * dim, dim));
        }
    }

    public void WriteStudentObs(Span<float> destination)
    {
        EnsureReset();
        int dim = spec.StudentObsDim;
        CheckLength(destination.Length, NumEnvs * dim, dim, nameof(destination));
        for (int env = 0; env < NumEnvs; env++)
        {
            TRules.WriteStudentObs(in states[env], destination.Slice(env * dim, dim));
        }
    }

    public void WriteFinalTeacherObs(Span<float> destination)
    {
        EnsureReset();
        CheckLength(destination.Length, finalTeacherObs.Length, spec.TeacherObsDim, nameof(destination));
        finalTeacherObs.CopyTo(destination);
    }

    private void StepChunk(int chunk)
    {
        // Equal shares, the remainder spread one copy at a time; the split never changes a result, only who computes it.
        int start = (int)((long)NumEnvs * chunk / chunkCount);
        int end = (int)((long)NumEnvs * (chunk + 1) / chunkCount);
        StepRange(start, end);
    }

    private void StepRange(int start, int end)
    {
        int actionDim = spec.ActionSpace.Dim;
        int teacherDim = spec.TeacherObsDim;
        int horizon = spec.Horizon;
        for (int env = start; env < end; env++)
        {
            ref TState state = ref states[env];
            ref EnvRandom random = ref randoms[env];
            float reward = TRules.Step(ref state, actionBuffer.AsSpan(env * actionDim, actionDim), ref random, out bool isTerminal);
            int steps = ++episodeSteps[env];
            bool isTruncated = !isTerminal && steps >= horizon;
            rewardBuffer[env] = reward;
            terminatedBuffer[env] = isTerminal;
            truncatedBuffer[env] = isTruncated;
            if (isTerminal || isTruncated)
            {
                // Kept before the reset overwrites it: the trainer bootstraps truncated episodes from this.
                TRules.WriteTeacherObs(in state, finalTeacherObs.AsSpan(env * teacherDim, teacherDim));
                TRules.Reset(ref state, ref random);
                episodeSteps[env] = 0;
            }
        }
    }

    private void EnsureReset()
    {
        if (!hasReset)
        {
            throw new InvalidOperationException($"Call Reset(seed) on the '{spec.Name}' domain before stepping it or reading its observations.");
        }
    }

    private void CheckLength(int actual, int expected, int dim, string parameter)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{parameter} holds {actual} values; the '{spec.Name}' domain with {NumEnvs} copies needs {expected} ([{NumEnvs}, {dim}]).",
                parameter);
        }
    }
}
