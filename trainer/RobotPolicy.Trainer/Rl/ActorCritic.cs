using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// Separate actor and critic MLPs (tanh hidden layers, orthogonal init: gain √2 hidden, 0.01 policy head, 1 value
/// head, as in CleanRL). Discrete actions: the actor outputs logits. Continuous: it outputs the mean in a normalized
/// action space [−1, 1] (a tanh after the head), and a learned state-independent log-std completes the Gaussian;
/// <see cref="ActionMapping"/> takes samples to the domain's box. The tanh keeps the mean inside the bounds: an
/// unbounded mean drifts past them where every sample clips to the same action and exploration stops.
/// </summary>
public sealed class ActorCritic : nn.Module
{
    /// <param name="recurrent">Put a GRU between the actor's input (one frame) and its MLP: a student that remembers.</param>
    /// <param name="alignedStudentInput">For the aligned method: the student encoder's input size (stacked frames).</param>
    public ActorCritic(int actorInput, int criticInput, ActionSpace actionSpace, PpoConfig config, Generator generator, bool recurrent = false,
        int alignedStudentInput = 0) : base(nameof(ActorCritic))
    {
        ActionSpace = actionSpace;
        int actionOutputs = actionSpace.Discrete ? actionSpace.Count : actionSpace.Dim;
        if (config.Alignment is { } align)
        {
            Alignment = align;
            TeacherEncoder = Mlp(actorInput, align.EncoderHidden, align.EmbeddingDim, 1f, generator);
            StudentEncoder = Mlp(alignedStudentInput, align.EncoderHidden, align.EmbeddingDim, 1f, generator);
            register_module("teacher_encoder", TeacherEncoder);
            register_module("student_encoder", StudentEncoder);
            actorInput = align.EmbeddingDim;
        }
        if (recurrent)
        {
            Encoder = SeededGru(actorInput, config.GruHidden, generator);
            register_module("encoder", Encoder);
        }
        Actor = Mlp(recurrent ? config.GruHidden : actorInput, config.Hidden, actionOutputs, 0.01f, generator, boundedOutput: !actionSpace.Discrete);
        Critic = Mlp(criticInput, config.Hidden, 1, 1f, generator);
        register_module("actor", Actor);
        register_module("critic", Critic);
        if (!actionSpace.Discrete)
        {
            LogStd = new Parameter(torch.full([actionSpace.Dim], Scalars.Keep(config.InitialLogStd)));
            register_parameter("log_std", LogStd);
        }
    }

    public ActionSpace ActionSpace { get; }

    public Sequential Actor { get; }

    /// <summary>The aligned method's settings, or null.</summary>
    public AlignmentConfig? Alignment { get; }

    /// <summary>Aligned method: privileged observation to embedding; null otherwise.</summary>
    public Sequential? TeacherEncoder { get; }

    /// <summary>Aligned method: stacked student frames to embedding; null otherwise.</summary>
    public Sequential? StudentEncoder { get; }

    /// <summary>Both encoders' parameters (teacher's, then student's); empty for an actor without them.</summary>
    public List<Parameter> EncoderParameters() =>
        TeacherEncoder is null ? [] : [.. TeacherEncoder.parameters(), .. StudentEncoder!.parameters()];

    /// <summary>The floor on the encoder output's norm when it is L2-normalized into an embedding (exported with the student).</summary>
    public const float EmbeddingNormEpsilon = 1e-12f;

    public Tensor TeacherEmbedding(Tensor teacherObs) => nn.functional.normalize(TeacherEncoder!.forward(teacherObs), dim: -1, eps: EmbeddingNormEpsilon);

    public Tensor StudentEmbedding(Tensor studentObs) => nn.functional.normalize(StudentEncoder!.forward(studentObs), dim: -1, eps: EmbeddingNormEpsilon);

    // What the head sees: the observation itself, or for the aligned method the teacher's embedding, with the RL
    // gradient into the encoder masked (scaled) as configured.
    private Tensor Features(Tensor actorObs) =>
        Alignment is { } a ? TeacherEmbedding(actorObs).scale_grad(a.RlGradientIntoTeacherEncoder) : actorObs;

    /// <summary>The student's deterministic action through the shared head: head(E_S(o)).</summary>
    public float[] StudentDeterministic(Tensor studentObs)
    {
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return DeterministicAction(Actor.forward(StudentEmbedding(studentObs)));
    }

    /// <summary>The GRU of a recurrent student; null for feed-forward actors.</summary>
    public GRUCell? Encoder { get; }

    /// <summary>The recurrent student's next state (its actor features) from one frame and the previous state.</summary>
    public Tensor Encode(Tensor frames, Tensor hidden) =>
        (Encoder ?? throw new InvalidOperationException("this actor has no recurrent encoder")).forward(frames, hidden);

    public Sequential Critic { get; }

    public Parameter? LogStd { get; }

    public Tensor Value(Tensor criticObs) => Critic.forward(criticObs).reshape(-1);

    /// <summary>log π(a|o) and entropy per row, for actions stored as floats ([rows, Dim]; a class index for discrete).
    /// For a recurrent student, <paramref name="actorObs"/> is its encoded state.</summary>
    public (Tensor LogProb, Tensor Entropy) Evaluate(Tensor actorObs, float[] actions)
    {
        var output = Actor.forward(Features(actorObs));
        if (ActionSpace.Discrete)
        {
            return (ActionDistributions.CategoricalLogProb(output, TensorArrays.Rows(actions)), ActionDistributions.CategoricalEntropy(output));
        }
        return (ActionDistributions.GaussianLogProb(output, LogStd!, TensorArrays.Rows(actions, output.shape)), ActionDistributions.GaussianEntropy(output, LogStd!));
    }

    /// <summary>Samples actions (no gradient): actions [rows, Dim] as floats, their log-probs [rows].</summary>
    public (float[] Actions, float[] LogProb) Sample(Tensor actorObs, Generator generator)
    {
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var output = Actor.forward(Features(actorObs));
        if (ActionSpace.Discrete)
        {
            var index = ActionDistributions.CategoricalSample(output, generator);
            return (index.IndicesToFloats(), ActionDistributions.CategoricalLogProb(output, index).ToFloats());
        }
        var sample = ActionDistributions.GaussianSample(output, LogStd!, generator);
        return (sample.ToFloats(), ActionDistributions.GaussianLogProb(output, LogStd!, sample).ToFloats());
    }

    /// <summary>The most likely action (evaluation and export): argmax, or the Gaussian mean in normalized units.</summary>
    public float[] Deterministic(Tensor actorObs)
    {
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return DeterministicAction(Actor.forward(Features(actorObs)));
    }

    private float[] DeterministicAction(Tensor output) => ActionSpace.Discrete ? output.argmax(-1).IndicesToFloats() : output.ToFloats();

    private static Sequential Mlp(int input, int[] hidden, int output, float headGain, Generator generator, bool boundedOutput = false)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        int width = input;
        foreach (int h in hidden)
        {
            layers.Add(OrthogonalLinear(width, h, MathF.Sqrt(2f), generator));
            layers.Add(nn.Tanh());
            width = h;
        }
        layers.Add(OrthogonalLinear(width, output, headGain, generator));
        if (boundedOutput)
        {
            layers.Add(nn.Tanh());
        }
        return nn.Sequential(layers.ToArray());
    }

    private static Linear OrthogonalLinear(int input, int output, float gain, Generator generator)
    {
        var layer = nn.Linear(input, output, hasBias: true);
        SeededInit.orthogonal_(layer.weight!, gain, generator);
        using (torch.no_grad())
        {
            nn.init.zeros_(layer.bias!);
        }
        return layer;
    }

    // PyTorch's GRUCell initialization, U(−1/√hidden, 1/√hidden) for every weight and bias, from the run's generator.
    private static GRUCell SeededGru(int input, int hidden, Generator generator)
    {
        var cell = nn.GRUCell(input, hidden);
        double bound = 1.0 / Math.Sqrt(hidden);
        foreach (var (_, p) in cell.named_parameters())
        {
            SeededInit.uniform_(p, -bound, bound, generator);
        }
        return cell;
    }
}
