using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Trainer.Imitation;

/// <summary>
/// The aligned method's short imitation phase after PPO: the student, head(E_S(o)), is fitted to the aligned
/// teacher's actions, head(E_T(s)), on states collected by the teacher (BC) or, after the first round, by the student
/// itself (DAgger). By default the head is frozen and only the student encoder learns, so the phase can only move
/// the student's embedding towards the teacher's, never the behaviour PPO found. No RL reward is used: the student
/// gets no RL fine-tuning.
/// <para>
/// As in DAgger's analysis (Ross et al., 2011), the phase ends with the best student it saw, not the last: each
/// student (the one PPO left, and the one after every round) drives whole episodes from the same starting states
/// (one seed for every scoring, on environments of their own), and the one with the lowest imitation loss on the
/// states it reached wins. A round fitted on the teacher's states can move the student's first action just enough
/// to take it somewhere the teacher never labelled (on the point mass: a step south that stops short of the hint
/// zone); its own-state loss shows it, its loss on the teacher's states does not. The same starts and whole
/// episodes make the scores comparable: scored on whatever stretch of an episode the last collection left the
/// environments in, a student that happened to be scored while the arm held still beat one scored while it swung.
/// </para>
/// </summary>
public sealed class AlignedImitation
{
    private readonly PpoTrainer _trainer;
    private readonly IVectorEnv _env;
    private readonly IVectorEnv _scoringEnv;
    private readonly AlignedImitationConfig _config;
    private readonly AgentObservations _observations;
    private readonly AgentObservations _scoringObservations;
    private readonly int _scoringSeed;
    private readonly Generator _generator;
    private readonly TorchExtensions.Adam _optimizer;
    private readonly List<float[]> _inputs = [];
    private readonly List<float[]> _labels = [];

    /// <param name="createEnv">Makes the domain's environments, this many copies: the rounds' collections use
    /// <see cref="AlignedImitationConfig.RoundEnvs"/>, the scoring <see cref="AlignedImitationConfig.ScoringEnvs"/>.</param>
    public AlignedImitation(PpoTrainer alignedTrainer, Func<int, IVectorEnv> createEnv, AlignedImitationConfig config, int seed)
    {
        if (alignedTrainer.Config.Alignment is null)
        {
            throw new ArgumentException("the aligned imitation phase needs an aligned run (train --agent aligned)");
        }
        config.Validate();
        _trainer = alignedTrainer;
        int horizon = alignedTrainer.Env.Horizon;
        _env = createEnv(config.RoundEnvs(horizon));
        _scoringEnv = createEnv(config.ScoringEnvs(horizon));
        _config = config;
        _generator = new Generator((ulong)seed);
        _scoringSeed = seed + 1;
        _observations = new AgentObservations(_env, AgentKind.Teacher, alignedTrainer.Config.StudentHistory, teacherSeesStudentView: true);
        _scoringObservations = new AgentObservations(_scoringEnv, AgentKind.Teacher, alignedTrainer.Config.StudentHistory, teacherSeesStudentView: true);
        _optimizer = new TorchExtensions.Adam(StudentParameters(), config.LearningRate);
        _env.Reset(seed);
        _observations.Reset();
    }

    public int IterationsDone { get; private set; }

    /// <summary>Environment steps the phase has taken (its rounds and the students' scoring).</summary>
    public long EnvSteps { get; private set; }

    /// <summary>The lowest own-state imitation loss seen so far, and after which round (0: the student PPO left).</summary>
    public (float Loss, int AfterRound) Best => (_bestLoss, _bestRound);

    private float _bestLoss = float.PositiveInfinity;
    private int _bestRound = -1;
    private float[][]? _bestWeights;
    private float _lastScore;
    private bool _finished;

    /// <summary>
    /// One round: collect, label with the teacher, fit, score the fitted student. Returns the mean fitting loss, who
    /// drove, and the own-state loss of the student the round started from.
    /// </summary>
    public (float Loss, bool TeacherDrove, float StartingStudentLoss) Iterate()
    {
        if (IterationsDone == 0)
        {
            _lastScore = Score();
        }
        float starting = _lastScore;
        bool teacherDrives = IterationsDone == 0 || _config.Method == ImitationMethods.Bc;
        Collect(_env, _observations, _config.RoundSteps(_env.Horizon), teacherDrives, _inputs, _labels);
        float loss = Fit();
        IterationsDone++;
        _lastScore = Score();
        return (loss, teacherDrives, starting);
    }

    /// <summary>
    /// Leaves in the model whichever student scored lowest. Returns that student's loss and the round it came from
    /// (0: the student PPO left, unchanged).
    /// </summary>
    public (float Loss, int AfterRound) Finish()
    {
        if (_finished)
        {
            return Best;
        }
        _finished = true;
        if (_bestWeights is null)
        {
            Score(); // no round ran: the student PPO left is the one kept
        }
        var parameters = StudentParameters();
        for (int i = 0; i < parameters.Count; i++)
        {
            parameters[i].Assign(_bestWeights![i]);
        }
        (_env as IDisposable)?.Dispose();
        (_scoringEnv as IDisposable)?.Dispose();
        return Best;
    }

    // The current student drives whole episodes from the scoring starts; its mean imitation loss on the states it
    // reached (no gradient) is its score. The rows are not training data.
    private float Score()
    {
        _scoringEnv.Reset(_scoringSeed);
        _scoringObservations.Reset();
        var inputs = new List<float[]>();
        var labels = new List<float[]>();
        Collect(_scoringEnv, _scoringObservations, _scoringEnv.Horizon, teacherDrives: false, inputs, labels);
        float loss = Evaluate(inputs, labels);
        // A number beats no number (NaN compares false with everything).
        if (_bestWeights is null || loss < _bestLoss || (float.IsNaN(_bestLoss) && !float.IsNaN(loss)))
        {
            _bestLoss = loss;
            _bestRound = IterationsDone;
            _bestWeights = StudentParameters().Select(p => p.ToFloats()).ToArray();
        }
        return loss;
    }

    private float Evaluate(List<float[]> inputs, List<float[]> labels)
    {
        int rows = inputs.Count, dim = _trainer.StudentColumns.Width, ad = _env.ActionSpace.Dim;
        var x = new float[rows * dim];
        var y = new float[rows * ad];
        for (int r = 0; r < rows; r++)
        {
            inputs[r].CopyTo(x, r * dim);
            labels[r].CopyTo(y, r * ad);
        }
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return StudentLoss(x, y, rows).item<float>();
    }

    // The imitation loss of the student, head(E_S(x)), against the teacher's actions y: what Fit minimizes and the
    // own-state score measures.
    private Tensor StudentLoss(float[] x, float[] y, int rows)
    {
        var model = _trainer.Model;
        var output = model.Actor.forward(model.StudentEmbedding(TensorArrays.Rows(x, rows, _trainer.StudentColumns.Width)));
        return ImitationLoss.Compute(output, y, _env.ActionSpace);
    }

    // What the phase can change: the student encoder (and the head when it is not frozen).
    private List<Parameter> StudentParameters()
    {
        var parameters = _trainer.Model.StudentEncoder!.parameters().ToList();
        if (!_config.FreezeHead)
        {
            parameters.AddRange(_trainer.Model.Actor.parameters());
        }
        return parameters;
    }

    // Steps env for the given number of steps, the teacher or the student driving, and appends every copy's student
    // input and the teacher's action for it.
    private void Collect(IVectorEnv env, AgentObservations observations, int steps, bool teacherDrives, List<float[]> inputs, List<float[]> labels)
    {
        int n = env.NumEnvs, dim = _trainer.ActorDim, ad = env.ActionSpace.Dim;
        var (column, studentDim) = _trainer.StudentColumns;
        var raw = new float[n * dim];
        var normalized = new float[n * dim];
        var student = new float[n * studentDim];
        var envActions = new float[n * ad];
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var ended = new bool[n];
        for (int t = 0; t < steps; t++)
        {
            using var scope = torch.NewDisposeScope();
            observations.WriteActor(raw);
            Normalize(raw, normalized);
            var teacherActions = _trainer.Model.Deterministic(TensorArrays.Rows(normalized, n, dim));
            for (int e = 0; e < n; e++)
            {
                normalized.AsSpan(e * dim + column, studentDim).CopyTo(student.AsSpan(e * studentDim));
                inputs.Add(student.AsSpan(e * studentDim, studentDim).ToArray());
                labels.Add(teacherActions.AsSpan(e * ad, ad).ToArray());
            }
            var acting = teacherDrives ? teacherActions : _trainer.Model.StudentDeterministic(TensorArrays.Rows(student, n, studentDim));
            ActionMapping.ToEnv(env.ActionSpace, acting, envActions);
            env.Step(envActions, rewards, terminated, truncated);
            EnvSteps += n;
            for (int e = 0; e < n; e++)
            {
                ended[e] = terminated[e] || truncated[e];
            }
            observations.AfterStep(ended);
        }
    }

    private float Fit()
    {
        var model = _trainer.Model;
        int dim = _trainer.StudentColumns.Width;
        return SupervisedEpochs.Run(_inputs, _labels, dim, _env.ActionSpace.Dim, _config.MinibatchSize, _config.Epochs, _generator, (x, y, rows) =>
        {
            using var scope = torch.NewDisposeScope();
            var loss = StudentLoss(x, y, rows);
            model.zero_grad(); // the whole model: a frozen head gets gradients too, which are never applied
            loss.backward();
            _optimizer.step();
            return loss.item<float>();
        });
    }

    // The normalizer PPO learned, read only: the student is deployed with exactly these statistics.
    private void Normalize(float[] raw, float[] destination)
    {
        if (_trainer.Config.NormalizeObservations)
        {
            _trainer.ActorNormalizer.Normalize(raw, destination);
        }
        else
        {
            raw.CopyTo(destination, 0);
        }
    }
}
