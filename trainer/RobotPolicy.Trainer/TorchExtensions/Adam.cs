using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.TorchExtensions;

/// <summary>
/// Adam (Kingma and Ba; PyTorch's update, bias-corrected, eps outside the square root), on TorchSharp tensors. Not
/// torch.optim.Adam: its step passes six libtorch Scalars per parameter that nothing keeps alive, and a garbage
/// collection during one of those calls frees the Scalar under libtorch (see <see cref="Scalars"/>). Its moments
/// and step count are what checkpoints store.
/// </summary>
public sealed class Adam
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;
    // A rate of its own for some parameters (NaN: they follow LearningRate).
    private readonly double[] _fixedRates;
    private readonly double _beta1, _beta2;
    private readonly Scalar _beta1Scalar, _beta2Scalar, _oneMinusBeta1, _oneMinusBeta2, _eps;

    public Adam(IEnumerable<Parameter> parameters, double lr, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        _parameters = parameters.ToArray();
        using (torch.no_grad())
        {
            _m = _parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
            _v = _parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        }
        LearningRate = lr;
        _fixedRates = Enumerable.Repeat(double.NaN, _parameters.Length).ToArray();
        (_beta1, _beta2) = (beta1, beta2);
        _beta1Scalar = Scalars.Keep(beta1);
        _beta2Scalar = Scalars.Keep(beta2);
        _oneMinusBeta1 = Scalars.Keep(1 - beta1);
        _oneMinusBeta2 = Scalars.Keep(1 - beta2);
        _eps = Scalars.Keep(eps);
    }

    public double LearningRate { get; set; }

    /// <summary>
    /// Gives <paramref name="subset"/> a step size of its own that <see cref="LearningRate"/>'s schedule does not move
    /// (the aligned method's encoders learn from the alignment loss, at their own pace, while PPO's trust region sets the head's).
    /// </summary>
    public void FixRate(IEnumerable<Parameter> subset, double lr)
    {
        foreach (var p in subset)
        {
            // By identity: Tensor.Equals compares values, and every zero-initialized bias of a shape equals every other.
            int i = Array.FindIndex(_parameters, q => q.Handle == p.Handle);
            if (i < 0)
            {
                throw new ArgumentException("the parameter is not one this optimizer steps");
            }
            _fixedRates[i] = lr;
        }
    }

    /// <summary>Steps taken (the bias correction's t).</summary>
    public long Steps { get; private set; }

    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Clears the parameters' gradients (they accumulate across backward calls otherwise).</summary>
    public void zero_grad()
    {
        foreach (var p in _parameters)
        {
            using var g = p.grad;
            g?.zero_();
        }
    }

    /// <summary>One update from the gradients backward left; parameters without a gradient stay as they are.</summary>
    public void step()
    {
        Steps++;
        double correction1 = 1 - Math.Pow(_beta1, Steps);
        double correction2 = 1 - Math.Pow(_beta2, Steps);
        using var _ = torch.no_grad();
        using var sqrtCorrection2 = Math.Sqrt(correction2).ToScalar();
        using var negativeStep = (-LearningRate / correction1).ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            using var fixedStep = double.IsNaN(_fixedRates[i]) ? null : (-_fixedRates[i] / correction1).ToScalar();
            using var g = _parameters[i].grad;
            if (g is null)
            {
                continue;
            }
            _m[i].mul_(_beta1Scalar).add_(g, alpha: _oneMinusBeta1);
            _v[i].mul_(_beta2Scalar).addcmul_(g, g, value: _oneMinusBeta2);
            using var denominator = _v[i].sqrt();
            denominator.div_(sqrtCorrection2).PlusInPlace(_eps);
            _parameters[i].addcdiv_(_m[i], denominator, value: fixedStep ?? negativeStep);
        }
    }

    public float[] FirstMoment(int parameter) => _m[parameter].ToFloats();

    public float[] SecondMoment(int parameter) => _v[parameter].ToFloats();

    /// <summary>Puts back what <see cref="Steps"/>, <see cref="FirstMoment"/> and <see cref="SecondMoment"/> read.</summary>
    public void Load(long steps, float[][] firstMoments, float[][] secondMoments)
    {
        if (firstMoments.Length != _parameters.Length || secondMoments.Length != _parameters.Length)
        {
            throw new ArgumentException($"the checkpoint has Adam moments for {firstMoments.Length} parameters; the optimizer has {_parameters.Length}");
        }
        Steps = steps;
        for (int i = 0; i < _parameters.Length; i++)
        {
            _m[i].Assign(firstMoments[i]);
            _v[i].Assign(secondMoments[i]);
        }
    }
}
