using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.Imitation;

/// <summary>
/// The supervised part of imitation: epochs over an aggregated dataset of (input, label) rows, each a fresh shuffle
/// cut into full minibatches (a short tail is left for the next epoch's shuffle).
/// </summary>
internal static class SupervisedEpochs
{
    /// <summary>
    /// Calls <paramref name="step"/> with each minibatch's inputs [rows × inputDim] and labels [rows × labelDim]
    /// (buffers reused between calls) and the row count; returns the mean of the losses it reports, NaN if none.
    /// </summary>
    public static float Run(IReadOnlyList<float[]> inputs, IReadOnlyList<float[]> labels, int inputDim, int labelDim,
        int minibatchSize, int epochs, Generator generator, Func<float[], float[], int, float> step)
    {
        int count = inputs.Count, mb = Math.Min(minibatchSize, count);
        var x = new float[mb * inputDim];
        var y = new float[mb * labelDim];
        double total = 0;
        int batches = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var order = Permutations.Draw(count, generator);
            for (int start = 0; start + mb <= count && mb > 0; start += mb)
            {
                for (int k = 0; k < mb; k++)
                {
                    inputs[order[start + k]].CopyTo(x, k * inputDim);
                    labels[order[start + k]].CopyTo(y, k * labelDim);
                }
                total += step(x, y, mb);
                batches++;
            }
        }
        return batches == 0 ? float.NaN : (float)(total / batches);
    }
}
