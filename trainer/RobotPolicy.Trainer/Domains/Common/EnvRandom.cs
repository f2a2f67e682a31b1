using System.Numerics;
using System.Runtime.CompilerServices;

namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>
/// The random stream of one environment copy: xoshiro256** seeded through SplitMix64 from (seed, envIndex).
/// A value type kept in a flat array beside the copies' states, so every copy draws from its own stream and a
/// trajectory does not depend on which thread stepped it, or in what order.
/// </summary>
public struct EnvRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>The stream of copy <paramref name="envIndex"/> under <paramref name="seed"/>; distinct pairs give
    /// unrelated streams (the pair is packed into one 64-bit word, then spread by SplitMix64).</summary>
    public static EnvRandom Create(int seed, int envIndex)
    {
        ulong key = ((ulong)(uint)seed << 32) | (uint)envIndex;
        var random = new EnvRandom();
        // SplitMix64 is the seeding generator xoshiro's authors recommend: it never yields the all-zero state.
        random.s0 = SplitMix64(ref key);
        random.s1 = SplitMix64(ref key);
        random.s2 = SplitMix64(ref key);
        random.s3 = SplitMix64(ref key);
        return random;
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform in [0, <paramref name="count"/>) by multiply-shift: the bias is below 2^-32, which no
    /// domain here can notice.</summary>
    public int NextInt(int count)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Need at least one value to choose from.");
        }
        return (int)(((NextUInt64() >> 32) * (ulong)count) >> 32);
    }

    /// <summary>True or false with equal probability.</summary>
    public bool NextBool() => (NextUInt64() >> 63) != 0;

    /// <summary>Standard normal by Box-Muller; one value per call (the partner is dropped so the stream position
    /// depends only on how many values were drawn, not on a cached spare).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1], so the logarithm is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
