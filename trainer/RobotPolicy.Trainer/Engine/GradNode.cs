namespace RobotPolicy.Trainer.Engine;

/// <summary>
/// One recorded op: its inputs and the function that, given the gradient of its output, adds each input's share to
/// that input's gradient. The backward functions only ever accumulate, so an input used twice gets both shares.
/// </summary>
internal sealed class GradNode(string op, Tensor[] inputs, Action<float[]> backward)
{
    public string Op { get; } = op;

    public Tensor[] Inputs { get; } = inputs;

    public Action<float[]> Backward { get; } = backward;
}
