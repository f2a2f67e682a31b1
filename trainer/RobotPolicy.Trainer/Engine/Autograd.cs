namespace RobotPolicy.Trainer.Engine;

/// <summary>Reverse-mode differentiation over the graph recorded by ops (define-by-run, as in PyTorch).</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Computes d(this)/d(leaf) for every leaf that requires grad and accumulates it into the leaf's .grad.
    /// Needs a one-element tensor (a loss), unless a gradient for every element is supplied.
    /// </summary>
    public void backward(Tensor? gradient = null)
    {
        if (!requires_grad)
        {
            throw new InvalidOperationException("backward() on a tensor that does not require grad: no parameter it depends on requires grad, or it was made under no_grad");
        }
        if (gradient is null && Data.Length != 1)
        {
            throw new InvalidOperationException($"backward() without a gradient needs a one-element tensor (a loss); this one has shape {ShapeText}");
        }
        if (gradient is not null && gradient.Data.Length != Data.Length)
        {
            throw new ArgumentException($"gradient has shape {gradient.ShapeText} but the tensor has {ShapeText}", nameof(gradient));
        }

        var order = TopologicalOrder(this);
        AccumulateGrad(gradient?.Data ?? [1f]);
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            if (t.Node is null || t.GradBuffer is null)
            {
                continue;
            }
            t.Node.Backward(t.GradBuffer);
            // Intermediate gradients are needed only once; dropping them keeps peak memory at one pass' worth.
            t.GradBuffer = null;
        }
        // The graph is spent: a second backward must come from a new forward, as in PyTorch (no retain_graph).
        foreach (var t in order)
        {
            t.Node = null;
        }
    }

    // Parents before children: a DFS post-order from the root over tensors that carry a node.
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Tensor, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (t, expanded) = stack.Pop();
            if (expanded)
            {
                order.Add(t);
                continue;
            }
            if (!visited.Add(t))
            {
                continue;
            }
            stack.Push((t, true));
            if (t.Node is not null)
            {
                foreach (var input in t.Node.Inputs)
                {
                    if (input.requires_grad && !visited.Contains(input))
                    {
                        stack.Push((input, false));
                    }
                }
            }
        }
        return order;
    }

    /// <summary>Adds <paramref name="g"/> (same number of values) to this tensor's gradient.</summary>
    internal void AccumulateGrad(ReadOnlySpan<float> g)
    {
        if (!requires_grad)
        {
            return;
        }
        if (GradBuffer is null)
        {
            GradBuffer = g.ToArray();
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Add(GradBuffer, g, GradBuffer);
        }
    }

    /// <summary>The gradient buffer to add into, created zeroed on first use (ops that scatter use this).</summary>
    internal float[] GradTarget() => GradBuffer ??= new float[Data.Length];

    /// <summary>Makes an op result: records the node when grad mode is on and any input needs a gradient.</summary>
    internal static Tensor Result(float[] data, int[] shape, string op, Tensor[] inputs, Func<Tensor, Action<float[]>> backward)
    {
        var result = new Tensor(data, shape);
        if (GradMode.IsEnabled && inputs.Any(i => i.requires_grad))
        {
            result.requires_grad = true;
            result.Node = new GradNode(op, inputs, backward(result));
        }
        return result;
    }
}
