using System.Numerics;

namespace RobotPolicy.Trainer.Engine;

/// <summary>
/// A seeded random stream (xoshiro256**, seeded through SplitMix64) for initialization and sampling. The same seed
/// gives the same numbers on every machine and .NET version, which System.Random does not promise.
/// </summary>
public sealed class Generator
{
    private ulong _s0, _s1, _s2, _s3;
    private float? _spareNormal;

    public Generator(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The full state, for checkpoints: the four xoshiro words and any cached normal sample.</summary>
    public (ulong[] Words, float? SpareNormal) State => ([_s0, _s1, _s2, _s3], _spareNormal);

    public void Restore(ulong[] words, float? spareNormal)
    {
        if (words.Length != 4)
        {
            throw new ArgumentException($"generator state has {words.Length} words; expected 4");
        }
        (_s0, _s1, _s2, _s3) = (words[0], words[1], words[2], words[3]);
        _spareNormal = spareNormal;
    }

    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

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

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
