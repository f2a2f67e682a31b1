using System.Numerics.Tensors;
using RobotPolicy.Exporter.Model;

namespace RobotPolicy.Exporter.Reference;

/// <summary>
/// The policy's forward pass in plain C#, op for op what the exported graph computes. It is the yardstick the
/// exporter checks ONNX Runtime against, and the baseline `bench infer` compares the runtime with.
/// Scratch buffers are allocated once, so <see cref="Forward"/> allocates nothing.
/// </summary>
public sealed class ReferenceForward
{
    private readonly MlpPolicy _policy;
    private readonly float[] _a;
    private readonly float[] _b;

    public ReferenceForward(MlpPolicy policy)
    {
        _policy = policy;
        _a = new float[policy.MaxWidth];
        _b = new float[policy.MaxWidth];
    }

    public MlpPolicy Policy => _policy;

    /// <summary>One observation row (stacked, un-normalized) in, one action row out.</summary>
    public void Forward(ReadOnlySpan<float> obs, Span<float> actions)
    {
        if (obs.Length != _policy.InputDim)
        {
            throw new ArgumentException($"observation has {obs.Length} values; the policy takes {_policy.InputDim}", nameof(obs));
        }
        if (actions.Length != _policy.ActionDim)
        {
            throw new ArgumentException($"action buffer has {actions.Length} values; the policy produces {_policy.ActionDim}", nameof(actions));
        }
        Span<float> x = _a.AsSpan(0, obs.Length);
        obs.CopyTo(x);
        if (_policy.Normalizer is { } norm)
        {
            TensorPrimitives.Subtract(x, norm.Mean, x);
            TensorPrimitives.Divide(x, norm.Std, x);
            if (norm.Clip is float c)
            {
                TensorPrimitives.Max(x, -c, x);
                TensorPrimitives.Min(x, c, x);
            }
        }
        bool inA = true;
        foreach (var layer in _policy.Layers)
        {
            switch (layer)
            {
                case LinearLayer l:
                    Span<float> y = (inA ? _b : _a).AsSpan(0, l.Out);
                    ReadOnlySpan<float> w = l.Weight;
                    for (int o = 0; o < l.Out; o++)
                    {
                        y[o] = TensorPrimitives.Dot(w.Slice(o * l.In, l.In), x) + l.Bias[o];
                    }
                    x = y;
                    inA = !inA;
                    break;
                case ActivationLayer act:
                    Activate(act, x);
                    break;
                case LayerNormLayer ln:
                    Normalize(ln, x);
                    break;
                case L2NormalizeLayer l2:
                    TensorPrimitives.Divide(x, MathF.Max(TensorPrimitives.Norm(x), l2.Epsilon), x);
                    break;
            }
        }
        var a = _policy.Action;
        TensorPrimitives.Multiply(x, a.Scale, actions);
        TensorPrimitives.Add(actions, a.Offset, actions);
        TensorPrimitives.Max(actions, a.ClipLow, actions);
        TensorPrimitives.Min(actions, a.ClipHigh, actions);
    }

    private static void Activate(ActivationLayer act, Span<float> x)
    {
        switch (act.Kind)
        {
            case ActivationKind.Relu:
                TensorPrimitives.Max(x, 0f, x);
                break;
            case ActivationKind.Tanh:
                TensorPrimitives.Tanh(x, x);
                break;
            case ActivationKind.Elu:
                for (int i = 0; i < x.Length; i++)
                {
                    if (x[i] < 0)
                    {
                        x[i] = act.Alpha * (MathF.Exp(x[i]) - 1f);
                    }
                }
                break;
            case ActivationKind.Silu:
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] *= 1f / (1f + MathF.Exp(-x[i]));
                }
                break;
        }
    }

    private static void Normalize(LayerNormLayer ln, Span<float> x)
    {
        float mean = TensorPrimitives.Sum(x) / x.Length;
        float var = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float d = x[i] - mean;
            var += d * d;
        }
        var /= x.Length;
        float inv = 1f / MathF.Sqrt(var + ln.Epsilon);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (x[i] - mean) * inv * ln.Scale[i] + ln.Bias[i];
        }
    }
}
