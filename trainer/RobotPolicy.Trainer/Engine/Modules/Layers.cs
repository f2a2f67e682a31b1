namespace RobotPolicy.Trainer.Engine.Modules;

/// <summary>y = x·Wᵀ + b, W [out, in]; initialized as PyTorch does: U(-1/√in, 1/√in) for weight and bias.</summary>
public sealed class Linear : torch.nn.Module<Tensor, Tensor>
{
    public Linear(int inFeatures, int outFeatures, bool hasBias, Generator generator)
    {
        in_features = inFeatures;
        out_features = outFeatures;
        weight = torch.zeros(outFeatures, inFeatures);
        torch.nn.init.kaiming_uniform_(weight, MathF.Sqrt(5f), generator);
        register_parameter(nameof(weight), weight);
        if (hasBias)
        {
            float bound = 1f / MathF.Sqrt(inFeatures);
            bias = torch.nn.init.uniform_(torch.zeros(outFeatures), -bound, bound, generator);
            register_parameter(nameof(bias), bias);
        }
    }

    public int in_features { get; }
    public int out_features { get; }
    public Tensor weight { get; }
    public Tensor? bias { get; }

    public override Tensor forward(Tensor input) => Tensor.linear(input, weight, bias);
}

/// <summary>Runs its modules in order, named "0", "1", ... as in PyTorch.</summary>
public sealed class Sequential : torch.nn.Module<Tensor, Tensor>
{
    private readonly torch.nn.Module<Tensor, Tensor>[] _modules;

    public Sequential(params torch.nn.Module<Tensor, Tensor>[] modules)
    {
        _modules = modules;
        for (int i = 0; i < modules.Length; i++)
        {
            register_module(i.ToString(System.Globalization.CultureInfo.InvariantCulture), modules[i]);
        }
    }

    public IReadOnlyList<torch.nn.Module<Tensor, Tensor>> Children => _modules;

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var m in _modules)
        {
            x = m.forward(x);
        }
        return x;
    }
}

public sealed class ReLU : torch.nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.relu();
}

public sealed class Tanh : torch.nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.tanh();
}

public sealed class SiLU : torch.nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.silu();
}

public sealed class ELU(float alpha = 1f) : torch.nn.Module<Tensor, Tensor>
{
    public float alpha { get; } = alpha;

    public override Tensor forward(Tensor input) => input.elu(alpha);
}

public sealed class Identity : torch.nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input;
}

/// <summary>LayerNorm over the last dimension with learned scale (ones) and shift (zeros).</summary>
public sealed class LayerNorm : torch.nn.Module<Tensor, Tensor>
{
    public LayerNorm(int normalizedShape, float eps = 1e-5f)
    {
        this.eps = eps;
        weight = torch.ones(normalizedShape);
        bias = torch.zeros(normalizedShape);
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
    }

    public float eps { get; }
    public Tensor weight { get; }
    public Tensor bias { get; }

    public override Tensor forward(Tensor input) => input.layer_norm(weight, bias, eps);
}

/// <summary>
/// A GRU cell, gates in PyTorch's order (reset, update, new):
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
/// </summary>
public sealed class GRUCell : torch.nn.Module<(Tensor Input, Tensor Hidden), Tensor>
{
    public GRUCell(int inputSize, int hiddenSize, Generator generator)
    {
        hidden_size = hiddenSize;
        float bound = 1f / MathF.Sqrt(hiddenSize);
        weight_ih = torch.nn.init.uniform_(torch.zeros(3 * hiddenSize, inputSize), -bound, bound, generator);
        weight_hh = torch.nn.init.uniform_(torch.zeros(3 * hiddenSize, hiddenSize), -bound, bound, generator);
        bias_ih = torch.nn.init.uniform_(torch.zeros(3 * hiddenSize), -bound, bound, generator);
        bias_hh = torch.nn.init.uniform_(torch.zeros(3 * hiddenSize), -bound, bound, generator);
        register_parameter(nameof(weight_ih), weight_ih);
        register_parameter(nameof(weight_hh), weight_hh);
        register_parameter(nameof(bias_ih), bias_ih);
        register_parameter(nameof(bias_hh), bias_hh);
    }

    public int hidden_size { get; }
    public Tensor weight_ih { get; }
    public Tensor weight_hh { get; }
    public Tensor bias_ih { get; }
    public Tensor bias_hh { get; }

    public override Tensor forward((Tensor Input, Tensor Hidden) x)
    {
        int h = hidden_size;
        var gi = Tensor.linear(x.Input, weight_ih, bias_ih);
        var gh = Tensor.linear(x.Hidden, weight_hh, bias_hh);
        var r = (gi.narrow(1, 0, h) + gh.narrow(1, 0, h)).sigmoid();
        var z = (gi.narrow(1, h, h) + gh.narrow(1, h, h)).sigmoid();
        var n = (gi.narrow(1, 2 * h, h) + r * gh.narrow(1, 2 * h, h)).tanh();
        return (1f - z) * n + z * x.Hidden;
    }
}
