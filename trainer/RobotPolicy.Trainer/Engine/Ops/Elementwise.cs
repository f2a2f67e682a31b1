using System.Numerics.Tensors;
using RobotPolicy.Trainer.Engine.Ops;

namespace RobotPolicy.Trainer.Engine;

/// <summary>Elementwise binary ops with broadcasting: add, sub, mul, div, maximum, minimum, and their operators.</summary>
public sealed partial class Tensor
{
    private delegate void SpanOp(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);

    public Tensor add(Tensor other) => Binary(this, other, "add", TensorPrimitives.Add, (p, a, b, o, g) =>
    {
        if (a.requires_grad) p.ReduceToA(g, a.GradTarget());
        if (b.requires_grad) p.ReduceToB(g, b.GradTarget());
    });

    public Tensor sub(Tensor other) => Binary(this, other, "sub", TensorPrimitives.Subtract, (p, a, b, o, g) =>
    {
        if (a.requires_grad) p.ReduceToA(g, a.GradTarget());
        if (b.requires_grad)
        {
            var neg = new float[g.Length];
            TensorPrimitives.Negate(g, neg);
            p.ReduceToB(neg, b.GradTarget());
        }
    });

    public Tensor mul(Tensor other) => Binary(this, other, "mul", TensorPrimitives.Multiply, (p, a, b, o, g) =>
    {
        var tmp = new float[g.Length];
        if (a.requires_grad)
        {
            TensorPrimitives.Multiply(g, Expanded(p, b, p.How is Broadcasting.Kind.Same ? null : p.BIndex), tmp);
            p.ReduceToA(tmp, a.GradTarget());
        }
        if (b.requires_grad)
        {
            TensorPrimitives.Multiply(g, Expanded(p, a, p.How is Broadcasting.Kind.Same ? null : p.AIndex), tmp);
            p.ReduceToB(tmp, b.GradTarget());
        }
    });

    public Tensor div(Tensor other) => Binary(this, other, "div", TensorPrimitives.Divide, (p, a, b, o, g) =>
    {
        var bFull = Expanded(p, b, p.How is Broadcasting.Kind.Same ? null : p.BIndex);
        var tmp = new float[g.Length];
        if (a.requires_grad)
        {
            TensorPrimitives.Divide(g, bFull, tmp);
            p.ReduceToA(tmp, a.GradTarget());
        }
        if (b.requires_grad)
        {
            // d(a/b)/db = -(a/b)/b = -out/b
            TensorPrimitives.Multiply(g, o, tmp);
            TensorPrimitives.Divide(tmp, bFull, tmp);
            TensorPrimitives.Negate(tmp, tmp);
            p.ReduceToB(tmp, b.GradTarget());
        }
    });

    /// <summary>Elementwise max; the gradient goes to the larger input (to this tensor on ties).</summary>
    public Tensor maximum(Tensor other) => Select(this, other, "maximum", TensorPrimitives.Max, takeA: (x, y) => x >= y);

    /// <summary>Elementwise min; the gradient goes to the smaller input (to this tensor on ties).</summary>
    public Tensor minimum(Tensor other) => Select(this, other, "minimum", TensorPrimitives.Min, takeA: (x, y) => x <= y);

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator +(Tensor a, float s) => a.add(s);
    public static Tensor operator +(float s, Tensor a) => a.add(s);
    public static Tensor operator -(Tensor a, float s) => a.add(-s);
    public static Tensor operator -(float s, Tensor a) => a.neg().add(s);
    public static Tensor operator *(Tensor a, float s) => a.mul(s);
    public static Tensor operator *(float s, Tensor a) => a.mul(s);
    public static Tensor operator /(Tensor a, float s) => a.mul(1f / s);
    public static Tensor operator /(float s, Tensor a) => a.reciprocal().mul(s);
    public static Tensor operator -(Tensor a) => a.neg();

    private static Tensor Binary(Tensor a, Tensor b, string op, SpanOp f, Action<Broadcasting, Tensor, Tensor, float[], float[]> backward)
    {
        var plan = Broadcasting.Plan(a.Shape, b.Shape, op);
        var output = new float[ShapeMath.Numel(plan.OutShape)];
        switch (plan.How)
        {
            case Broadcasting.Kind.Same:
                f(a.Data, b.Data, output);
                break;
            case Broadcasting.Kind.RowsB:
                for (int r = 0, w = b.Data.Length; r < output.Length; r += w)
                {
                    f(a.Data.AsSpan(r, w), b.Data, output.AsSpan(r, w));
                }
                break;
            case Broadcasting.Kind.RowsA:
                for (int r = 0, w = a.Data.Length; r < output.Length; r += w)
                {
                    f(a.Data, b.Data.AsSpan(r, w), output.AsSpan(r, w));
                }
                break;
            default:
                f(Expanded(plan, a, plan.AIndex), Expanded(plan, b, plan.BIndex), output);
                break;
        }
        return Result(output, plan.OutShape, op, [a, b], result => g => backward(plan, a, b, result.Data, g));
    }

    private static Tensor Select(Tensor a, Tensor b, string op, SpanOp f, Func<float, float, bool> takeA)
    {
        return Binary(a, b, op, f, (p, x, y, o, g) =>
        {
            var xf = Expanded(p, x, p.How is Broadcasting.Kind.Same ? null : p.AIndex);
            var yf = Expanded(p, y, p.How is Broadcasting.Kind.Same ? null : p.BIndex);
            var ga = new float[g.Length];
            var gb = new float[g.Length];
            for (int i = 0; i < g.Length; i++)
            {
                if (takeA(xf[i], yf[i])) ga[i] = g[i]; else gb[i] = g[i];
            }
            if (x.requires_grad) p.ReduceToA(ga, x.GradTarget());
            if (y.requires_grad) p.ReduceToB(gb, y.GradTarget());
        });
    }

    // The tensor's values laid out in the output's shape (the input itself when no broadcasting is needed).
    private static float[] Expanded(Broadcasting _, Tensor t, int[]? index)
    {
        if (index is null)
        {
            return t.Data;
        }
        var full = new float[index.Length];
        for (int i = 0; i < full.Length; i++)
        {
            full[i] = t.Data[index[i]];
        }
        return full;
    }
}
