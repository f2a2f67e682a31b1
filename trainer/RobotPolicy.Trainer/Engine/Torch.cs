namespace RobotPolicy.Trainer.Engine;

/// <summary>
/// Entry points shaped like TorchSharp's <c>torch</c> class (<c>torch.zeros</c>, <c>torch.no_grad()</c>,
/// <c>torch.nn.Linear</c>, <c>torch.optim.Adam</c>, ...), so code written against this engine ports to TorchSharp
/// by changing the using directives.
/// </summary>
#pragma warning disable CS8981, IDE1006, CA1707 // PyTorch's lower-case names, on purpose
public static partial class torch
{
    public static Tensor tensor(float[] values, params long[] shape)
    {
        int[] s = shape.Length == 0 ? [values.Length] : shape.Select(d => (int)d).ToArray();
        return new Tensor((float[])values.Clone(), s);
    }

    public static Tensor tensor(float value) => new([value], []);

    public static Tensor zeros(params long[] shape) => new(new float[Numel(shape)], Ints(shape));

    public static Tensor ones(params long[] shape) => full(shape, 1f);

    public static Tensor full(long[] shape, float value)
    {
        var data = new float[Numel(shape)];
        Array.Fill(data, value);
        return new Tensor(data, Ints(shape));
    }

    public static Tensor randn(long[] shape, Generator generator)
    {
        var data = new float[Numel(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = generator.NextNormal();
        }
        return new Tensor(data, Ints(shape));
    }

    public static Tensor rand(long[] shape, Generator generator)
    {
        var data = new float[Numel(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = generator.NextFloat();
        }
        return new Tensor(data, Ints(shape));
    }

    /// <summary>Wraps existing values without copying (the caller must not change them while the tensor lives).</summary>
    public static Tensor from_array(float[] values, params long[] shape) => new(values, shape.Length == 0 ? [values.Length] : Ints(shape));

    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim) => Tensor.cat(tensors, (int)dim);

    /// <summary>Ops inside the returned scope record nothing for backward (rollouts, evaluation).</summary>
    public static IDisposable no_grad() => GradMode.Disable();

    public static bool is_grad_enabled() => GradMode.IsEnabled;

    private static int Numel(long[] shape) => ShapeMath.Numel(Ints(shape));

    private static int[] Ints(long[] shape) => shape.Select(d => checked((int)d)).ToArray();
}
#pragma warning restore CS8981, IDE1006, CA1707
