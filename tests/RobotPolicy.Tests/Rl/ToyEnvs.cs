using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.Tests.Rl;

/// <summary>
/// Tiny domains with known optima for testing PPO itself. Contextual bandit: the privileged observation is a
/// one-hot context; reward 1 for the matching action; episodes last <c>horizon</c> steps (a new context each step);
/// the student sees nothing useful (a constant), so its best return is horizon / 2.
/// </summary>
internal sealed class ContextBandit(int numEnvs, int horizon = 8) : IVectorEnv
{
    private readonly int[] _context = new int[numEnvs];
    private readonly int[] _t = new int[numEnvs];
    private readonly int[] _finalContext = new int[numEnvs];
    private ulong[] _rng = new ulong[numEnvs];

    public string Name => "context-bandit";
    public int NumEnvs => numEnvs;
    public int TeacherObsDim => 2;
    public int StudentObsDim => 1;
    public ActionSpace ActionSpace { get; } = ActionSpace.OfDiscrete(2);
    public int Horizon => horizon;
    public DomainReturns Reference => new(horizon, horizon / 2.0, horizon / 2.0, "match the context each step");
    public IReadOnlyList<(string Name, int Dim)> StudentObsTerms => [("constant", 1)];

    public void Reset(int seed)
    {
        _rng = Enumerable.Range(0, numEnvs).Select(i => (ulong)(seed * 1000003L + i) * 0x9E3779B97F4A7C15UL + 1).ToArray();
        for (int e = 0; e < numEnvs; e++)
        {
            _t[e] = 0;
            _context[e] = Next(e);
        }
    }

    private int Next(int e)
    {
        _rng[e] ^= _rng[e] << 13;
        _rng[e] ^= _rng[e] >> 7;
        _rng[e] ^= _rng[e] << 17;
        return (int)(_rng[e] >> 63);
    }

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        for (int e = 0; e < numEnvs; e++)
        {
            rewards[e] = (int)actions[e] == _context[e] ? 1f : 0f;
            _t[e]++;
            terminated[e] = false;
            truncated[e] = _t[e] >= horizon;
            _context[e] = Next(e);
            _finalContext[e] = _context[e];
            if (truncated[e])
            {
                _t[e] = 0;
            }
        }
    }

    public void WriteTeacherObs(Span<float> d)
    {
        for (int e = 0; e < numEnvs; e++)
        {
            d[2 * e] = _context[e] == 0 ? 1 : 0;
            d[2 * e + 1] = _context[e] == 1 ? 1 : 0;
        }
    }

    public void WriteFinalTeacherObs(Span<float> d) => WriteTeacherObs(d);

    public void WriteStudentObs(Span<float> d) => d[..numEnvs].Fill(1f);
}

/// <summary>Continuous tracking: observe a target in [-1, 1]; reward −(a − target)²; the best return is 0.</summary>
internal sealed class TargetTracking(int numEnvs, int horizon = 16) : IVectorEnv
{
    private readonly float[] _target = new float[numEnvs];
    private readonly int[] _t = new int[numEnvs];
    private Random _random = new(0);

    public string Name => "target-tracking";
    public int NumEnvs => numEnvs;
    public int TeacherObsDim => 1;
    public int StudentObsDim => 1;
    public ActionSpace ActionSpace { get; } = ActionSpace.OfBox([-1.5f], [1.5f]);
    public int Horizon => horizon;
    public DomainReturns Reference => new(0, 0, 0, "a = target");
    public IReadOnlyList<(string Name, int Dim)> StudentObsTerms => [("target", 1)];

    public void Reset(int seed)
    {
        _random = new Random(seed);
        for (int e = 0; e < numEnvs; e++)
        {
            _t[e] = 0;
            _target[e] = (float)(_random.NextDouble() * 2 - 1);
        }
    }

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        for (int e = 0; e < numEnvs; e++)
        {
            float d = actions[e] - _target[e];
            rewards[e] = -d * d;
            _t[e]++;
            terminated[e] = false;
            truncated[e] = _t[e] >= horizon;
            if (truncated[e])
            {
                _t[e] = 0;
            }
            _target[e] = (float)(_random.NextDouble() * 2 - 1);
        }
    }

    public void WriteTeacherObs(Span<float> d) => _target.CopyTo(d);

    public void WriteFinalTeacherObs(Span<float> d) => _target.CopyTo(d);

    public void WriteStudentObs(Span<float> d) => _target.CopyTo(d);
}

/// <summary>
/// Memory task: a cue (left/right) is shown to the student only in an episode's first frame; at the last step the
/// matching action pays 1. The student also sees the time, so it knows when to answer. The teacher sees the cue
/// throughout. A student that stacks fewer frames than the episode has cannot do better than chance (0.5).
/// </summary>
internal sealed class CueRecall(int numEnvs, int horizon = 6) : IVectorEnv
{
    private readonly int[] _cue = new int[numEnvs];
    private readonly int[] _t = new int[numEnvs];
    private Random _random = new(0);

    public string Name => "cue-recall";
    public int NumEnvs => numEnvs;
    public int TeacherObsDim => 2;
    public int StudentObsDim => 2;
    public ActionSpace ActionSpace { get; } = ActionSpace.OfDiscrete(2);
    public int Horizon => horizon;
    public DomainReturns Reference => new(1, 1, 0.5, "remember the cue");
    public IReadOnlyList<(string Name, int Dim)> StudentObsTerms => [("cue_if_first", 1), ("time", 1)];

    public void Reset(int seed)
    {
        _random = new Random(seed);
        for (int e = 0; e < numEnvs; e++)
        {
            _t[e] = 0;
            _cue[e] = _random.Next(2);
        }
    }

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        for (int e = 0; e < numEnvs; e++)
        {
            bool last = _t[e] == horizon - 1;
            rewards[e] = last && (int)actions[e] == _cue[e] ? 1f : 0f;
            terminated[e] = last;
            truncated[e] = false;
            _t[e]++;
            if (last)
            {
                _t[e] = 0;
                _cue[e] = _random.Next(2);
            }
        }
    }

    public void WriteTeacherObs(Span<float> d)
    {
        for (int e = 0; e < numEnvs; e++)
        {
            d[2 * e] = _cue[e] == 1 ? 1f : -1f;
            d[2 * e + 1] = (float)_t[e] / horizon;
        }
    }

    public void WriteFinalTeacherObs(Span<float> d) => WriteTeacherObs(d);

    public void WriteStudentObs(Span<float> d)
    {
        for (int e = 0; e < numEnvs; e++)
        {
            d[2 * e] = _t[e] == 0 ? (_cue[e] == 1 ? 1f : -1f) : 0f;
            d[2 * e + 1] = (float)_t[e] / horizon;
        }
    }
}
