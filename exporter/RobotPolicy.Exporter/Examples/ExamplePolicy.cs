using RobotPolicy.Bundle;
using RobotPolicy.Checkpoint.Model;
using RobotPolicy.Exporter.Model;

namespace RobotPolicy.Exporter.Examples;

/// <summary>
/// The built-in example: a quadruped-style locomotion policy shaped like the ones people deploy (48 observation
/// values x 3 frames -> 256 -> 256 -> 12 joint targets, tanh), with seeded random weights. It exercises every
/// part of the bundle (normalization, history, action scale/offset/clip, PD gains) without needing a trainer.
/// </summary>
public static class ExamplePolicy
{
    public const string Name = "example-quadruped";

    private static readonly string[] Legs = ["FL", "FR", "RL", "RR"];
    private static readonly string[] Joints = ["hip", "thigh", "calf"];

    /// <summary>
    /// The example's description and seeded random tensors. <paramref name="customize"/> may change the description
    /// (terms, layers, activations) first; tensors are then made to fit whatever it describes.
    /// </summary>
    public static (ModelDescription Description, InMemoryTensors Tensors) Create(
        int seed = 7, int history = 3, int hidden = 256, Action<ModelDescription>? customize = null)
    {
        var description = Describe(seed, history);
        customize?.Invoke(description);
        return (description, RandomTensors(description, hidden, seed));
    }

    private static ModelDescription Describe(int seed, int history)
    {
        var names = Legs.SelectMany(l => Joints.Select(j => $"{l}_{j}_joint")).ToList();
        float[] defaults = names.Select(n => n.Contains("hip") ? 0f : n.Contains("thigh") ? 0.8f : -1.5f).ToArray();
        float[] low = names.Select(n => n.Contains("hip") ? -0.8f : n.Contains("thigh") ? -1.0f : -2.7f).ToArray();
        float[] high = names.Select(n => n.Contains("hip") ? 0.8f : n.Contains("thigh") ? 2.5f : -0.9f).ToArray();
        var terms = new List<ObservationTerm>
        {
            new() { Name = "base_lin_vel", Dim = 3, History = history },
            new() { Name = "base_ang_vel", Dim = 3, History = history },
            new() { Name = "projected_gravity", Dim = 3, History = history },
            new() { Name = "velocity_command", Dim = 3, History = history },
            new() { Name = "joint_pos", Dim = 12, History = history },
            new() { Name = "joint_vel", Dim = 12, History = history },
            new() { Name = "last_action", Dim = 12, History = history },
        };
        return new ModelDescription
        {
            Weights = "weights.safetensors",
            Observation = new ObservationSpec { Terms = terms, HistoryLayout = HistoryLayouts.FrameMajor, HistoryInit = HistoryInits.RepeatFirst },
            Action = new ActionSpec
            {
                Names = names,
                Scale = Enumerable.Repeat(0.25f, names.Count).ToArray(),
                Offset = defaults,
                ClipLow = low,
                ClipHigh = high,
                RateLimitPerSecond = Enumerable.Repeat(20f, names.Count).ToArray(),
                DefaultJointPositions = defaults,
                Kp = Enumerable.Repeat(20f, names.Count).ToArray(),
                Kd = Enumerable.Repeat(0.5f, names.Count).ToArray(),
            },
            Control = new ControlSpec { PeriodSeconds = 0.02, Decimation = 4 },
            Provenance = new Provenance { Domain = "example", Method = "random-init", Agent = "student", Seed = seed, TrainingSteps = 0, Notes = "built-in example policy; weights are random" },
            Normalizer = new NormalizerSpec { Mean = "obs_normalizer.mean", Std = "obs_normalizer.std", Clip = 5f },
            Layers =
            [
                new() { Op = LayerOps.Linear, Weight = "actor.0.weight", Bias = "actor.0.bias" },
                new() { Op = LayerOps.Tanh },
                new() { Op = LayerOps.Linear, Weight = "actor.2.weight", Bias = "actor.2.bias" },
                new() { Op = LayerOps.Tanh },
                new() { Op = LayerOps.Linear, Weight = "actor.4.weight", Bias = "actor.4.bias" },
            ],
        };

    }

    /// <summary>Seeded random tensors for every tensor the description names: hidden linear layers are
    /// <paramref name="hidden"/> wide, the last one as wide as the action.</summary>
    public static InMemoryTensors RandomTensors(ModelDescription description, int hidden, int seed)
    {
        var rng = new Random(seed);
        var tensors = new InMemoryTensors(Name);
        if (description.Normalizer is { } norm)
        {
            int frameDim = description.Observation.FrameDim;
            tensors.Add(norm.Mean, Fill(frameDim, () => Gaussian(rng) * 0.3f), frameDim);
            tensors.Add(norm.Std, Fill(frameDim, () => 0.5f + (float)rng.NextDouble() * 1.5f), frameDim);
        }
        int width = description.Observation.InputDim;
        var lastLinear = description.Layers.LastOrDefault(l => l.Op == LayerOps.Linear);
        foreach (var layer in description.Layers)
        {
            if (layer.Op == LayerOps.Linear)
            {
                int outDim = ReferenceEquals(layer, lastLinear) ? description.Action.Names.Count : hidden;
                AddLinear(tensors, rng, layer.Weight!, layer.Bias, width, outDim);
                width = outDim;
            }
            else if (layer.Op == LayerOps.LayerNorm)
            {
                tensors.Add(layer.Weight!, Fill(width, () => 0.5f + (float)rng.NextDouble()), width);
                tensors.Add(layer.Bias!, Fill(width, () => ((float)rng.NextDouble() * 2 - 1) * 0.2f), width);
            }
        }
        return tensors;
    }

    public static MlpPolicy CreatePolicy(int seed = 7)
    {
        var (description, tensors) = Create(seed);
        return MlpPolicyLoader.Load(description, tensors, Name);
    }

    // PyTorch's default nn.Linear init: U(-1/sqrt(in), 1/sqrt(in)) for weights and biases.
    private static void AddLinear(InMemoryTensors tensors, Random rng, string weight, string? bias, int inDim, int outDim)
    {
        float bound = 1f / MathF.Sqrt(inDim);
        tensors.Add(weight, Fill(outDim * inDim, () => ((float)rng.NextDouble() * 2 - 1) * bound), outDim, inDim);
        if (bias is not null)
        {
            tensors.Add(bias, Fill(outDim, () => ((float)rng.NextDouble() * 2 - 1) * bound), outDim);
        }
    }

    private static float[] Fill(int n, Func<float> next)
    {
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = next();
        }
        return values;
    }

    private static float Gaussian(Random rng) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
}
