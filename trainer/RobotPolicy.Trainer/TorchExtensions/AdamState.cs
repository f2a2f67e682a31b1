using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.TorchExtensions;

/// <summary>
/// What a checkpoint keeps of a TorchSharp Adam: the learning rate, the step count and each parameter's moments,
/// in parameter order, read and written as float arrays (the checkpoint stores them as safetensors).
/// </summary>
public static class AdamState
{
    public static double LearningRate(this Adam adam) => adam.ParamGroups.First().LearningRate;

    public static void SetLearningRate(this Adam adam, double lr)
    {
        foreach (var group in adam.ParamGroups)
        {
            group.LearningRate = lr;
        }
    }

    /// <summary>Steps taken (the bias correction's t); 0 before the first.</summary>
    public static long Steps(this Adam adam) => States(adam).Select(s => s.step).DefaultIfEmpty(0).Max();

    public static float[] FirstMoment(this Adam adam, int parameter) => States(adam)[parameter].exp_avg.ToFloats();

    public static float[] SecondMoment(this Adam adam, int parameter) => States(adam)[parameter].exp_avg_sq.ToFloats();

    /// <summary>Puts back what <see cref="Steps"/>, <see cref="FirstMoment"/> and <see cref="SecondMoment"/> read.</summary>
    public static void Load(this Adam adam, long steps, float[][] firstMoments, float[][] secondMoments)
    {
        var states = States(adam);
        if (states.Count != firstMoments.Length)
        {
            throw new ArgumentException($"the checkpoint has Adam moments for {firstMoments.Length} parameters; the optimizer has {states.Count}");
        }
        for (int i = 0; i < states.Count; i++)
        {
            states[i].step = steps;
            states[i].exp_avg.Assign(firstMoments[i]);
            states[i].exp_avg_sq.Assign(secondMoments[i]);
        }
    }

    private static List<Adam.State> States(Adam adam) => adam.state_dict().State.Cast<Adam.State>().ToList();
}
