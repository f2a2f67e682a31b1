using System.Collections.Concurrent;
using TorchSharp;

namespace RobotPolicy.Trainer.TorchExtensions;

/// <summary>
/// libtorch Scalars that outlive every call they are passed to. TorchSharp turns a float argument into a Scalar
/// that nothing references once its handle is read; a garbage collection during the native call then lets the
/// finalizer free the Scalar while libtorch still reads it. Measured: 23 of the first 120 runs of the experiment
/// suite crashed that way ("Unknown scalar type", "Expected false to be true" in Scalar.h), and a run with
/// collections forced continuously crashes within seconds. Constants come from here, held for the process; values
/// that change every call (Adam's bias corrections) are made with <c>using</c>, which keeps them alive until disposed.
/// Addition is the hidden case: TorchSharp's <c>a + b</c> and <c>add_(x)</c> pass a Scalar 1 of their own as the
/// factor of <c>b</c>, so the trainer adds with <see cref="Plus(TorchSharp.torch.Tensor, TorchSharp.torch.Tensor)"/>.
/// Subtraction, multiplication and division by a kept Scalar pass nothing of TorchSharp's.
/// </summary>
public static class Scalars
{
    private static readonly ConcurrentDictionary<double, Scalar> Held = new();

    /// <summary>The Scalar for <paramref name="value"/>, created once and never freed (for constants and settings).</summary>
    public static Scalar Keep(double value) => Held.GetOrAdd(value, static v => v.ToScalar());

    private static readonly Scalar One = Keep(1.0);

    /// <summary>a + b, with the factor of b a held Scalar (what <c>a + b</c> does with a Scalar of its own).</summary>
    public static torch.Tensor Plus(this torch.Tensor a, torch.Tensor b) => a.add(b, One);

    /// <summary>a + value, value and factor both held Scalars.</summary>
    public static torch.Tensor Plus(this torch.Tensor a, double value) => a.add(Keep(value), One);

    /// <summary>In place: a += value.</summary>
    public static torch.Tensor PlusInPlace(this torch.Tensor a, Scalar value) => a.add_(value, One);
}
