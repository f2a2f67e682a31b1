namespace RobotPolicy.Tests.Rl.Parity;

/// <summary>The parity cases' input values: a seeded stream, independent of the library under test.</summary>
internal sealed class CaseRandom(int seed)
{
    private readonly Random _random = new(seed);

    public float NextNormal()
    {
        double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public int NextInt(int count) => _random.Next(count);
}
