using System.Runtime.CompilerServices;


namespace RobotPolicy.Trainer.Domains.Common;

/// <summary>
/// The random stream of one environment copy: xoshiro256** seeded through SplitMix64 from (seed, envIndex).
/// A value type kept in a flat array beside the copies' states, so every copy draws from its own stream and a
/// trajectory does not depend on which thread stepped it, or in what order.
/// </summary>
public struct EnvRandom
{
    private Xoshiro256 _core;

    /// <summary>The stream of copy <paramref name="envIndex"/> under <paramref name="seed"/>; distinct pairs give
    /// unrelated streams (the pair is packed into one 64-bit word, then spread by SplitMix64).</summary>
    public static EnvRandom Create(int seed, int envIndex)
    {
        ulong key = ((ulong)(uint)seed << 32) | (uint)envIndex;
        return new EnvRandom { _core = Xoshiro256.FromSeed(key) };
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => _core.Next();

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

}
