namespace RobotPolicy.Trainer.Engine;

/// <summary>
/// A seeded random stream (xoshiro256**, seeded through SplitMix64) for initialization and sampling. The same seed
/// gives the same numbers on every machine and .NET version, which System.Random does not promise.
/// </summary>
public sealed class Generator
{
    private Xoshiro256 _core;
    private float? _spareNormal;

    public Generator(ulong seed) => _core = Xoshiro256.FromSeed(seed);

    /// <summary>The full state, for checkpoints: the four xoshiro words and any cached normal sample.</summary>
    public (ulong[] Words, float? SpareNormal) State => (_core.Words, _spareNormal);

    public void Restore(ulong[] words, float? spareNormal)
    {
        _core = Xoshiro256.FromWords(words);
        _spareNormal = spareNormal;
    }

    public ulong NextUInt64() => _core.Next();

    /// <summary>Uniform in [0, 1) with 24 random bits (every float in the range is equally likely).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)((NextUInt64() >> 33) % (ulong)n);

    /// <summary>Standard normal (Box-Muller, pairs cached).</summary>
    public float NextNormal()
    {
        if (_spareNormal is float spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u1 = 1.0 - ((NextUInt64() >> 11) * (1.0 / (1UL << 53)));
        double u2 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = (float)(r * Math.Sin(2 * Math.PI * u2));
        return (float)(r * Math.Cos(2 * Math.PI * u2));
    }
}
