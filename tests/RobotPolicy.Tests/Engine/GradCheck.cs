using RobotPolicy.Trainer.Engine;

namespace RobotPolicy.Tests.Engine;

/// <summary>
/// Finite-difference gradient check: the analytic gradient from backward() against central differences of a
/// random projection of the output (so every output element matters), computed in double from float32 forwards.
/// </summary>
internal static class GradCheck
{
    public static void Check(string name, Func<Tensor[], Tensor> f, params Tensor[] inputs) => Check(name, f, inputs, 1e-2);

    public static void Check(string name, Func<Tensor[], Tensor> f, Tensor a, Tensor b, double step) => Check(name, f, [a, b], step);

    public static void Check(string name, Func<Tensor[], Tensor> f, Tensor[] inputs, double step)
    {
        foreach (var x in inputs)
        {
            x.requires_grad = true;
            x.zero_grad();
        }
        var output = f(inputs);
        var generator = new Generator(99);
        var projection = torch.randn(output.shape, generator);
        var loss = (output * projection).sum();
        loss.backward();

        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            var analytic = x.grad?.ToArray() ?? new float[x.numel()];
            var data = x.Data;
            for (int i = 0; i < data.Length; i++)
            {
                float saved = data[i];
                data[i] = (float)(saved + step);
                double plus = Project(f, inputs, projection);
                data[i] = (float)(saved - step);
                double minus = Project(f, inputs, projection);
                data[i] = saved;
                double numeric = (plus - minus) / (2 * step);
                double tolerance = 2e-2 * Math.Max(1.0, Math.Abs(numeric)) + 2e-3;
                Assert.True(Math.Abs(analytic[i] - numeric) <= tolerance,
                    $"{name}: d/d input{k}[{i}] analytic {analytic[i]:G6} vs numeric {numeric:G6}");
            }
        }
    }

    private static double Project(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor projection)
    {
        using var _ = torch.no_grad();
        var y = f(inputs).Span;
        var p = projection.Span;
        double total = 0;
        for (int i = 0; i < y.Length; i++)
        {
            total += (double)y[i] * p[i];
        }
        return total;
    }
}
