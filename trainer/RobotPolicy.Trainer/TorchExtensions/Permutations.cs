using TorchSharp;

namespace RobotPolicy.Trainer.TorchExtensions;

/// <summary>Minibatch orders drawn from a run's generator, so a seed fixes them with everything else.</summary>
public static class Permutations
{
    public static int[] Draw(int count, torch.Generator generator)
    {
        using var order = torch.randperm(count, dtype: torch.ScalarType.Int32, generator: generator);
        return order.data<int>().ToArray();
    }
}
