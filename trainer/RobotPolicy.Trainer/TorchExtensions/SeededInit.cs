using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.TorchExtensions;

/// <summary>
/// Initializers that draw from a given generator. TorchSharp's <c>torch.nn.init.orthogonal_</c> takes none and
/// draws from the process-wide one, which parallel runs (and tests) share; a run's seed must fix its weights.
/// </summary>
public static class SeededInit
{
    /// <summary>
    /// As torch.nn.init.orthogonal_: a Gaussian matrix's Q factor (signs fixed by R's diagonal, so the result is
    /// uniformly distributed), transposed when the tensor is wide, times <paramref name="gain"/>.
    /// </summary>
    public static void orthogonal_(Tensor weight, double gain, Generator generator)
    {
        if (weight.dim() < 2)
        {
            throw new ArgumentException($"orthogonal_ needs at least 2 dimensions, got [{string.Join(", ", weight.shape)}]");
        }
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        long rows = weight.shape[0], cols = weight.numel() / rows;
        var flat = torch.randn([rows, cols], generator: generator, dtype: ScalarType.Float64);
        if (rows < cols)
        {
            flat = flat.t();
        }
        var (q, r) = torch.linalg.qr(flat);
        q = q * r.diagonal().sign();
        if (rows < cols)
        {
            q = q.t();
        }
        weight.copy_((q * Scalars.Keep(gain)).reshape(weight.shape).to(weight.dtype));
    }

    /// <summary>U(low, high) from <paramref name="generator"/>, in place.</summary>
    public static void uniform_(Tensor t, double low, double high, Generator generator)
    {
        using var _ = torch.no_grad();
        torch.nn.init.uniform_(t, low, high, generator);
    }
}
