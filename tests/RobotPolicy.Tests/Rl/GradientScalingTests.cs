using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using static TorchSharp.torch;

namespace RobotPolicy.Tests.Rl;

/// <summary>The aligned method's gradient mask: the forward value untouched, the gradient scaled exactly.</summary>
public class GradientScalingTests
{
    [Theory]
    [InlineData(0.25f)]
    [InlineData(0.1f)]
    [InlineData(0f)]
    [InlineData(1f)]
    public void Forward_is_the_identity_and_the_gradient_is_exactly_scaled(float factor)
    {
        LibTorch.Start();
        var values = new float[] { 0.3f, -1.7f, 2.9f, 1e-3f, -4.1f, 0.77f };
        var weights = new float[] { 1.3f, 0.1f, -2.2f, 7.5f, 0.6f, -0.9f };
        var x = torch.tensor(values, [2, 3], requires_grad: true);
        var y = x.scale_grad(factor);
        Assert.Equal(values, y.ToFloats());

        // A branch through the mask and one around it, as in the trainer (alignment gradient plus the masked RL one).
        var loss = (y.tanh() * TensorArrays.Rows(weights, 2, 3)).sum().Plus(x.sum());
        loss.backward();
        var expected = values.Select((v, i) => factor * weights[i] * (1f - MathF.Tanh(v) * MathF.Tanh(v)));
        var grad = x.grad!.ToFloats();
        foreach (var (g, e) in grad.Zip(expected))
        {
            // The tanh derivative is libtorch's; the factor must not add any error of its own.
            Assert.Equal(e + 1f, g, 6);
        }
        if (factor == 0f)
        {
            Assert.All(grad, g => Assert.Equal(1f, g));
        }
    }

    [Fact]
    public void Scaled_gradient_is_the_factor_times_the_unscaled_one_bit_for_bit()
    {
        LibTorch.Start();
        var values = Enumerable.Range(0, 32).Select(i => MathF.Sin(i * 0.7f) * 3f).ToArray();
        float[] Grad(float factor)
        {
            var x = torch.tensor(values, [4, 8], requires_grad: true);
            var y = x.scale_grad(factor);
            (y * y * Scalars.Keep(0.5)).sum().backward();
            return x.grad!.ToFloats();
        }
        var plain = Grad(1f);
        Assert.Equal(plain.Select(g => g * 0.5f), Grad(0.5f));   // a power of two: exact in float32
        Assert.Equal(plain.Select(g => g * 0.25f), Grad(0.25f));
    }
}
