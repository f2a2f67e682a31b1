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
/// </summary>
public static class Scalars
{
    private static readonly ConcurrentDictionary<double, Scalar> Held = new();

    /// <summary>The Scalar for <paramref name="value"/>, created once and never freed (for constants and settings).</summary>
    public static Scalar Keep(double value) => Held.GetOrAdd(value, static v => v.ToScalar());
}
