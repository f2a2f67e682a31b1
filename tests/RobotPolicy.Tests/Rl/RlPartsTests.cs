using RobotPolicy.Bundle;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Tests.Rl;

public class RlPartsTests
{
    [Fact]
    public void History_is_frame_major_oldest_first_with_the_first_frame_repeated_exactly_as_the_bundle_says()
    {
        // Two envs, frames of 2 values, history 3.
        var stacker = new HistoryStacker(2, 2, 3);
        stacker.Reset([1, 1, 10, 10]);
        stacker.Push([2, 2, 20, 20], [false, true]);
        var stacked = new float[12];
        stacker.Write(stacked);
        Assert.Equal([1, 1, 1, 1, 2, 2, 20, 20, 20, 20, 20, 20], stacked);

        // The same layout, read through the bundle's own definition (what the runtime uses).
        var spec = new ObservationSpec { Terms = [new() { Name = "a", Dim = 1, History = 3 }, new() { Name = "b", Dim = 1, History = 3 }] };
        var slots = StackedLayout.Slots(spec);
        float[][] framesOldToNew = [[1, 1], [1, 1], [2, 2]];
        for (int k = 0; k < 6; k++)
        {
            Assert.Equal(framesOldToNew[2 - slots[k].FramesAgo][slots[k].FrameIndex], stacked[k]);
        }
    }

    [Fact]
    public void Gae_matches_a_hand_computation_and_cuts_at_episode_ends()
    {
        // One env, three steps, episode ends after step 1.
        float gamma = 0.9f, lambda = 0.8f;
        float[] rewards = [1, 2, 3], values = [0.5f, 0.4f, 0.3f];
        bool[] ended = [false, true, false];
        var adv = new float[3];
        var ret = new float[3];
        Gae.Compute(3, 1, rewards, values, ended, [0.2f], gamma, lambda, adv, ret);
        float d2 = 3 + gamma * 0.2f - 0.3f;
        float d1 = 2 - 0.4f;
        float d0 = 1 + gamma * 0.4f - 0.5f;
        Assert.Equal(d2, adv[2], 5);
        Assert.Equal(d1, adv[1], 5);
        Assert.Equal(d0 + gamma * lambda * d1, adv[0], 5);
        Assert.Equal(adv[0] + values[0], ret[0], 5);
    }

    [Fact]
    public void Running_normalizer_matches_batch_statistics()
    {
        var n = new RunningNormalizer(2);
        var rng = new Random(1);
        var all = new List<float>();
        for (int b = 0; b < 5; b++)
        {
            var batch = Enumerable.Range(0, 14).Select(_ => (float)(rng.NextDouble() * 4 + 1)).ToArray();
            n.Update(batch);
            all.AddRange(batch);
        }
        for (int j = 0; j < 2; j++)
        {
            var column = all.Where((_, i) => i % 2 == j).Select(v => (double)v).ToArray();
            double mean = column.Average();
            double std = Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Average() + 1e-8);
            Assert.Equal(mean, n.Mean[j], 5);
            Assert.Equal(std, n.Std[j], 5);
        }
    }
}
