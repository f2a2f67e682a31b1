using RobotPolicy.Checkpoint;
using TorchSharp;

namespace RobotPolicy.Trainer.TorchExtensions;

/// <summary>A libtorch generator's state as bytes, so a checkpoint resumes the exact random stream.</summary>
public static class TorchGenerators
{
    public static byte[] Save(torch.Generator generator)
    {
        using var state = generator.get_state();
        return state.data<byte>().ToArray();
    }

    public static void Restore(torch.Generator generator, byte[] bytes, string source)
    {
        using var current = generator.get_state();
        if (bytes.Length != current.numel())
        {
            throw new CheckpointFormatException($"{source}: the generator state has {bytes.Length} bytes; libtorch's CPU generator has {current.numel()}");
        }
        using var state = torch.tensor(bytes, torch.ScalarType.Byte);
        generator.set_state(state);
    }
}
