using System.Numerics;
using System.Runtime.CompilerServices;

namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>
/// xoshiro256** seeded through SplitMix64 (the seeding its authors recommend; it never yields the all-zero state):
/// the domains' per-copy random streams. A struct, so
/// a batch of environments can hold one per copy in an array without allocating.
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public static Xoshiro256 FromSeed(ulong seed)
    {
        var x = new Xoshiro256();
        x._s0 = SplitMix64(ref seed);
        x._s1 = SplitMix64(ref seed);
        x._s2 = SplitMix64(ref seed);
        x._s3 = SplitMix64(ref seed);
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next()
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

    public readonly ulong[] Words => [_s0, _s1, _s2, _s3];

    public static Xoshiro256 FromWords(ulong[] words)
    {
        if (words.Length != 4)
        {
            throw new ArgumentException($"generator state has {words.Length} words; expected 4");
        }
        return new Xoshiro256 { _s0 = words[0], _s1 = words[1], _s2 = words[2], _s3 = words[3] };
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
