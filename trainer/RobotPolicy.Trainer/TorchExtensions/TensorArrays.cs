using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.TorchExtensions;

/// <summary>Moving float32 values between the trainer's arrays (rollout storage, checkpoints) and tensors.</summary>
public static class TensorArrays
{
    /// <summary>A tensor holding a copy of <paramref name="values"/> with the given shape ([values.Length] if none).</summary>
    public static Tensor Rows(float[] values, params long[] shape) =>
        torch.tensor(values, shape.Length == 0 ? [values.Length] : shape);

    /// <summary>A tensor holding a copy of <paramref name="values"/> with the given shape.</summary>
    public static Tensor Rows(ReadOnlySpan<float> values, params long[] shape) => Rows(values.ToArray(), shape);

    /// <summary>The values, row-major, as a new array (on the CPU, float32).</summary>
    public static float[] ToFloats(this Tensor t)
    {
        using var cpu = t.device_type == DeviceType.CPU && t.dtype == ScalarType.Float32 ? null : t.to(ScalarType.Float32, torch.CPU);
        return (cpu ?? t).contiguous().data<float>().ToArray();
    }

    /// <summary>Class indices (int64) as the floats the rollout stores actions in.</summary>
    public static float[] IndicesToFloats(this Tensor indices) => indices.data<long>().ToArray().Select(i => (float)i).ToArray();

    /// <summary>Copies <paramref name="values"/> into a parameter in place (restoring checkpoints, warm starts).</summary>
    public static void Assign(this Tensor parameter, ReadOnlySpan<float> values)
    {
        if (values.Length != parameter.numel())
        {
            throw new ArgumentException($"{values.Length} values for a tensor of {parameter.numel()}");
        }
        using var _ = torch.no_grad();
        using var source = torch.tensor(values.ToArray(), parameter.shape);
        parameter.copy_(source);
    }
}
