using RobotPolicy.Trainer.Domains.Common;

namespace RobotPolicy.Tests.Domains;

public class EnvRandomTests
{
    private static ulong[] Draw(int seed, int env, int count)
    {
        var random = EnvRandom.Create(seed, env);
        return Enumerable.Range(0, count).Select(_ => random.NextUInt64()).ToArray();
    }

    [Fact]
    public void A_seed_and_index_always_give_the_same_stream()
    {
        Assert.Equal(Draw(5, 17, 100), Draw(5, 17, 100));
    }

    [Fact]
    public void Neighbouring_seeds_and_indices_give_unrelated_streams()
    {
        var streams = new[] { Draw(5, 17, 4), Draw(5, 18, 4), Draw(6, 17, 4), Draw(17, 5, 4), Draw(-1, 0, 4) };
        Assert.Equal(streams.Length * 4, streams.SelectMany(s => s).Distinct().Count());
    }

    [Fact]
    public void Uniform_values_stay_in_range_and_cover_it()
    {
        var random = EnvRandom.Create(1, 0);
        var counts = new int[3];
        double sum = 0;
        for (int i = 0; i < 30000; i++)
        {
            double u = random.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            sum += u;
            counts[random.NextInt(3)]++;
        }
        Assert.Equal(0.5, sum / 30000, 0.01);
        Assert.All(counts, c => Assert.InRange(c, 9500, 10500));
    }

    [Fact]
    public void Gaussian_values_have_zero_mean_and_unit_spread()
    {
        var random = EnvRandom.Create(2, 0);
        var values = Enumerable.Range(0, 40000).Select(_ => random.NextGaussian()).ToArray();
        double mean = values.Average();
        Assert.Equal(0, mean, 0.03);
        Assert.Equal(1, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))), 0.03);
    }

    [Fact]
    public void Chunk_counts_follow_the_batch_size()
    {
        var parallelism = new StepParallelism(MinEnvsPerChunk: 1000, MaxDegreeOfParallelism: 4);
        Assert.Equal(1, parallelism.ChunkCount(999));
        Assert.Equal(2, parallelism.ChunkCount(2500));
        Assert.Equal(4, parallelism.ChunkCount(100000));
        Assert.Equal(1, StepParallelism.SingleThreaded.ChunkCount(int.MaxValue));
    }
}
