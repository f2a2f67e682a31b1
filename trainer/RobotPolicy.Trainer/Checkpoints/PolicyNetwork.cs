using RobotPolicy.Checkpoint.Model;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp.Modules;

namespace RobotPolicy.Trainer.Checkpoints;

/// <summary>
/// A policy network as model.json describes it: layer specs in order, and the tensors they name. Trained modules
/// are appended stage by stage (an encoder, an L2-normalize, a head), each under its own tensor-name prefix.
/// </summary>
internal sealed class PolicyNetwork
{
    public List<LayerSpec> Layers { get; } = [];

    public List<(string Name, long[] Shape, float[] Values)> Tensors { get; } = [];

    /// <summary>Appends the Linear and Tanh layers of <paramref name="module"/>; tensors are named "{prefix}.{index}.weight|bias".</summary>
    public PolicyNetwork Add(string prefix, Sequential module)
    {
        var children = module.children().ToList();
        for (int i = 0; i < children.Count; i++)
        {
            switch (children[i])
            {
                case Linear l:
                    string weight = $"{prefix}.{i}.weight";
                    string? bias = l.bias is null ? null : $"{prefix}.{i}.bias";
                    Tensors.Add((weight, l.weight!.shape, l.weight.ToFloats()));
                    if (l.bias is not null)
                    {
                        Tensors.Add((bias!, l.bias.shape, l.bias.ToFloats()));
                    }
                    Layers.Add(new LayerSpec { Op = LayerOps.Linear, Weight = weight, Bias = bias });
                    break;
                case Tanh:
                    Layers.Add(new LayerSpec { Op = LayerOps.Tanh });
                    break;
                default:
                    throw new NotSupportedException($"{prefix} layer {i} ({children[i].GetType().Name}) has no export");
            }
        }
        return this;
    }

    /// <summary>Appends x / max(‖x‖₂, epsilon), written with its epsilon so the file does not lean on a default.</summary>
    public PolicyNetwork AddL2Normalize(float epsilon)
    {
        Layers.Add(new LayerSpec { Op = LayerOps.L2Normalize, Epsilon = epsilon });
        return this;
    }
}
