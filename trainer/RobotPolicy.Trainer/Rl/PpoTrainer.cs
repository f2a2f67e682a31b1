using System.Diagnostics;
using System.Numerics.Tensors;
using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// PPO on a vectorized domain: collect a rollout of RolloutSteps × NumEnvs, compute GAE(λ), then Epochs passes of
/// shuffled minibatches with the clipped surrogate, clipped value loss, entropy bonus, per-minibatch advantage
/// normalization, gradient-norm clipping and KL early stopping. Everything random draws from one seeded generator
/// (and the env's own seeded streams), so a seed reproduces the same learning curve on one machine.
/// </summary>
public sealed partial class PpoTrainer
{
    private readonly IVectorEnv _env;
    private readonly PpoConfig _config;
    private readonly AgentObservations _observations;
    private readonly EpisodeTracker _episodes;
    private readonly RewardScaler _rewardScaler;
    private readonly PpoLossSettings _loss;

    // Rollout storage, row t*N + e.
    private readonly float[] _actorObs;
    private readonly float[] _criticObs;
    private readonly float[] _actions;
    private readonly float[] _logProbs;
    private readonly float[] _values;
    private readonly float[] _rewards;
    private readonly bool[] _ended;
    private readonly float[] _advantages;
    private readonly float[] _returns;

    // Per-step scratch.
    private readonly float[] _rawActor;
    private readonly float[] _rawCritic;
    private readonly float[] _stepRewards;
    private readonly bool[] _terminated;
    private readonly bool[] _truncated;
    private readonly bool[] _stepEnded;
    private readonly float[] _finalCritic;
    private readonly float[] _clippedActions;

    // Recurrent (GRU) student: the state each env carries, the state each rollout step started from, and which
    // steps began an episode (where the state was reset to zero).
    private readonly bool _recurrent;
    private readonly float[] _h;
    private readonly float[] _hiddenIn;
    private readonly bool[] _episodeStart;
    private readonly bool[] _started;

    // Aligned method: the actor's input is [privileged | student view]; the student's part starts at this column.
    private readonly int _studentColumn;
    private readonly int _studentDim;

    public PpoTrainer(IVectorEnv env, AgentKind agent, PpoConfig config, int seed)
    {
        config.Validate();
        LibTorch.Start();
        _env = env;
        _config = config;
        Agent = agent;
        Seed = seed;
        Generator = new Generator((ulong)seed);
        _recurrent = agent == AgentKind.StudentRl && config.StudentEncoder == StudentEncoders.Gru;
        // A GRU student reads one frame at a time; its memory replaces the stacked history.
        _observations = new AgentObservations(env, agent, _recurrent ? 1 : config.StudentHistory, teacherSeesStudentView: config.Alignment is not null);
        if (config.Alignment is not null)
        {
            if (agent != AgentKind.Teacher)
            {
                throw new ArgumentException("the aligned method trains the teacher (and with it the student encoder); use agent teacher");
            }
            // The student's view is already in the teacher's input (and in its normalizer, which checkpoints keep).
            _studentColumn = env.TeacherObsDim;
            _studentDim = _observations.ActorDim - env.TeacherObsDim;
        }
        Model = new ActorCritic(_observations.ActorDim, _observations.CriticDim, env.ActionSpace, config, Generator, _recurrent, _studentDim);
        LibTorch.FitThreadsTo(LargestLayerMultiplyAdds(Model, config.MinibatchSize));
        Optimizer = new TorchExtensions.Adam(Model.parameters(), config.LearningRate, eps: 1e-5);
        // The head learns on the teacher's embedding, so every alignment step moves the ground under it; a slower,
        // constant rate for the encoders keeps that ground still enough for PPO (docs/trainer.md, the MuJoCo arm).
        if (config.Alignment is { EncoderLearningRate: float encoderRate })
        {
            Optimizer.FixRate(Model.EncoderParameters(), encoderRate);
        }
        _clipGroups = ClipGroups(Model);
        ActorNormalizer = new RunningNormalizer(_observations.ActorDim);
        CriticNormalizer = new RunningNormalizer(_observations.CriticDim);
        _episodes = new EpisodeTracker(env.NumEnvs);
        _rewardScaler = new RewardScaler(env.NumEnvs, config.Gamma);
        _loss = config.Loss with { EntropyCoefficient = config.Loss.EntropyCoefficient ?? (env.ActionSpace.Discrete ? 0.01f : 0f) };

        int n = env.NumEnvs, rows = config.BatchSize, ad = env.ActionSpace.Dim;
        _actorObs = new float[rows * _observations.ActorDim];
        _criticObs = new float[rows * _observations.CriticDim];
        _actions = new float[rows * ad];
        _logProbs = new float[rows];
        _values = new float[rows];
        _rewards = new float[rows];
        _ended = new bool[rows];
        _advantages = new float[rows];
        _returns = new float[rows];
        _rawActor = new float[n * _observations.ActorDim];
        _rawCritic = new float[n * _observations.CriticDim];
        _stepRewards = new float[n];
        _terminated = new bool[n];
        _truncated = new bool[n];
        _stepEnded = new bool[n];
        _finalCritic = new float[n * _observations.CriticDim];
        _clippedActions = new float[n * ad];
        int hidden = _recurrent ? config.GruHidden : 0;
        _h = new float[n * hidden];
        _hiddenIn = new float[rows * hidden];
        _episodeStart = new bool[rows];
        _started = Enumerable.Repeat(true, n).ToArray();

        env.Reset(seed);
        _observations.Reset();
    }

    public AgentKind Agent { get; }

    public int Seed { get; }

    public PpoConfig Config => _config;

    public IVectorEnv Env => _env;

    public Generator Generator { get; }

    public ActorCritic Model { get; }

    public TorchExtensions.Adam Optimizer { get; }

    public RunningNormalizer ActorNormalizer { get; }

    public RunningNormalizer CriticNormalizer { get; }

    /// <summary>Whether the normalizers have stopped learning (see <see cref="PpoConfig.FreezeNormalizersAfterSteps"/>).</summary>
    public bool NormalizersFrozen => _config.FreezeNormalizersAfterSteps is long steps && EnvSteps >= steps;

    public int ActorDim => _observations.ActorDim;

    public int UpdatesDone { get; private set; }

    public long EnvSteps { get; private set; }

    internal static IReadOnlyList<IReadOnlyList<Parameter>> ClipGroups(ActorCritic model)
    {
        var encoders = model.EncoderParameters();
        if (encoders.Count == 0)
        {
            return [model.parameters().ToList()];
        }
        // By identity (the native handle): Tensor.Equals compares values, and the head's zero-initialized biases
        // equalled the encoders' of the same size, which left them out of every group, unclipped.
        var encoderHandles = encoders.Select(p => p.Handle).ToHashSet();
        var rest = model.parameters().Where(p => !encoderHandles.Contains(p.Handle)).ToList();
        return [encoders, rest];
    }

    // What one minibatch costs in the model's widest layer: the size that decides whether threads pay off.
    private static long LargestLayerMultiplyAdds(ActorCritic model, int minibatch) =>
        minibatch * model.parameters().Where(p => p.dim() == 2).Select(p => p.shape[0] * p.shape[1]).DefaultIfEmpty(0).Max();

    /// <summary>Restores counters after a checkpoint was loaded into the model, optimizer and normalizers.</summary>
    public void RestoreProgress(int updatesDone, long envSteps)
    {
        UpdatesDone = updatesDone;
        EnvSteps = envSteps;
        // A resumed run continues from fresh episodes: the env state at the kill is not part of a checkpoint.
        _env.Reset(unchecked(Seed + 7919 * updatesDone));
        _observations.Reset();
        _episodes.Clear();
        Array.Clear(_h);
        Array.Fill(_started, true);
    }

    public bool IsRecurrent => _recurrent;

    /// <summary>One PPO update (rollout + optimization). <paramref name="totalUpdates"/> sets the LR schedule.</summary>
    public UpdateMetrics Update(int totalUpdates)
    {
        var clock = Stopwatch.StartNew();
        if (_config.LearningRateSchedule == LearningRateSchedules.Linear)
        {
            Optimizer.LearningRate = _config.LearningRate * Math.Max(0.0, 1.0 - (double)UpdatesDone / Math.Max(1, totalUpdates));
        }
        Collect();
        var (policyLoss, valueLoss, entropy, kl, clip, epochs) = Optimize();
        UpdatesDone++;
        var (finished, meanReturn, meanLength) = _episodes.TakePeriod();
        double seconds = clock.Elapsed.TotalSeconds;
        return new UpdateMetrics(UpdatesDone, EnvSteps, finished, meanReturn, meanLength, _episodes.RecentMean,
            entropy, kl, clip, policyLoss, valueLoss, Optimizer.LearningRate, epochs, _config.BatchSize / seconds, seconds,
            _lastAlignment.Loss, _lastAlignment.MutualInformation, _lastAlignment.Disagreement);
    }

    private void Collect()
    {
        int n = _env.NumEnvs, ad = _env.ActionSpace.Dim, actorDim = _observations.ActorDim, criticDim = _observations.CriticDim;
        // Decided once per rollout, at its start, so a whole batch is normalized with the same statistics.
        bool learnNormalizers = !NormalizersFrozen;
        for (int t = 0; t < _config.RolloutSteps; t++)
        {
            using var scope = torch.NewDisposeScope();
            _observations.WriteActor(_rawActor);
            _observations.WriteCritic(_rawCritic);
            var actorRows = _actorObs.AsSpan(t * n * actorDim, n * actorDim);
            var criticRows = _criticObs.AsSpan(t * n * criticDim, n * criticDim);
            Normalize(ActorNormalizer, _rawActor, actorRows, update: learnNormalizers);
            Normalize(CriticNormalizer, _rawCritic, criticRows, update: learnNormalizers);

            var actorInput = TensorArrays.Rows(actorRows, n, actorDim);
            if (_recurrent)
            {
                int hd = _config.GruHidden;
                _h.CopyTo(_hiddenIn, t * n * hd);
                _started.CopyTo(_episodeStart, t * n);
                using (torch.no_grad())
                {
                    actorInput = Model.Encode(actorInput, TensorArrays.Rows(_h, n, hd));
                }
                actorInput.ToFloats().CopyTo(_h, 0);
            }
            var (actions, logProbs) = Model.Sample(actorInput, Generator);
            float[] values;
            using (torch.no_grad())
            {
                values = Model.Value(TensorArrays.Rows(criticRows, n, criticDim)).ToFloats();
            }
            actions.CopyTo(_actions, t * n * ad);
            logProbs.CopyTo(_logProbs, t * n);
            values.CopyTo(_values, t * n);

            ActionMapping.ToEnv(_env.ActionSpace, actions, _clippedActions);
            _env.Step(_clippedActions, _stepRewards, _terminated, _truncated);
            EnvSteps += n;
            for (int e = 0; e < n; e++)
            {
                _stepEnded[e] = _terminated[e] || _truncated[e];
            }
            _episodes.Record(_stepRewards, _stepEnded);
            if (_config.Alignment is { Style: AlignmentStyles.Sitt } sitt)
            {
                ShapeRewardForImitability(actorRows, sitt.KlRewardWeight);
            }
            if (_config.ScaleRewards)
            {
                _rewardScaler.ScaleInPlace(_stepRewards, _stepEnded);
            }
            BootstrapTruncated();
            _stepRewards.CopyTo(_rewards, t * n);
            _stepEnded.CopyTo(_ended, t * n);
            _observations.AfterStep(_stepEnded);
            if (_recurrent)
            {
                for (int e = 0; e < n; e++)
                {
                    _started[e] = _stepEnded[e];
                    if (_stepEnded[e])
                    {
                        Array.Clear(_h, e * _config.GruHidden, _config.GruHidden);
                    }
                }
            }
        }

        _observations.WriteCritic(_rawCritic);
        var last = new float[n * criticDim];
        Normalize(CriticNormalizer, _rawCritic, last, update: false);
        float[] lastValues;
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            lastValues = Model.Value(TensorArrays.Rows(last, n, criticDim)).ToFloats();
        }
        Gae.Compute(_config.RolloutSteps, n, _rewards, _values, _ended, lastValues, _config.Gamma, _config.Lambda, _advantages, _returns);
    }

    // SITT-style: the teacher pays w·KL(π_T ‖ π_S) for each state, on the inputs it just acted on.
    private void ShapeRewardForImitability(ReadOnlySpan<float> actorRows, float weight)
    {
        int n = _env.NumEnvs, dim = _observations.ActorDim;
        var student = new float[n * _studentDim];
        for (int e = 0; e < n; e++)
        {
            actorRows.Slice(e * dim + _studentColumn, _studentDim).CopyTo(student.AsSpan(e * _studentDim));
        }
        SittRewardShaping.Apply(Model, actorRows.ToArray(), student, n, weight, _stepRewards);
    }

    // A truncated episode did not really end: its last reward gets γ·V(final state), so GAE can cut the trace there.
    private void BootstrapTruncated()
    {
        if (!_truncated.Contains(true))
        {
            return;
        }
        int n = _env.NumEnvs, criticDim = _observations.CriticDim;
        _env.WriteFinalTeacherObs(_finalCritic);
        var normalized = new float[_finalCritic.Length];
        Normalize(CriticNormalizer, _finalCritic, normalized, update: false);
        float[] finalValues;
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            finalValues = Model.Value(TensorArrays.Rows(normalized, n, criticDim)).ToFloats();
        }
        for (int e = 0; e < n; e++)
        {
            if (_truncated[e] && !_terminated[e])
            {
                _stepRewards[e] += _config.Gamma * finalValues[e];
            }
        }
    }

    private (float Policy, float Value, float Entropy, float Kl, float Clip, int Epochs) Optimize()
    {
        if (_recurrent)
        {
            return OptimizeRecurrent();
        }
        int rows = _config.BatchSize, mb = _config.MinibatchSize, ad = _env.ActionSpace.Dim;
        int actorDim = _observations.ActorDim, criticDim = _observations.CriticDim;
        var mbActor = new float[mb * actorDim];
        var mbCritic = new float[mb * criticDim];
        var mbActions = new float[mb * ad];
        var mbOldLogp = new float[mb];
        var mbAdv = new float[mb];
        var mbReturns = new float[mb];
        var mbOldValues = new float[mb];
        int studentDim = _studentDim;
        var mbStudent = new float[mb * studentDim];
        var stats = new OptimizationStats();

        for (int epoch = 0; epoch < _config.Epochs; epoch++)
        {
            var order = Permutations.Draw(rows, Generator);
            for (int start = 0; start < rows; start += mb)
            {
                using var scope = torch.NewDisposeScope();
                for (int k = 0; k < mb; k++)
                {
                    int i = order[start + k];
                    _actorObs.AsSpan(i * actorDim, actorDim).CopyTo(mbActor.AsSpan(k * actorDim));
                    _criticObs.AsSpan(i * criticDim, criticDim).CopyTo(mbCritic.AsSpan(k * criticDim));
                    _actions.AsSpan(i * ad, ad).CopyTo(mbActions.AsSpan(k * ad));
                    mbOldLogp[k] = _logProbs[i];
                    mbAdv[k] = _advantages[i];
                    mbReturns[k] = _returns[i];
                    mbOldValues[k] = _values[i];
                    _actorObs.AsSpan(i * actorDim + _studentColumn, studentDim).CopyTo(mbStudent.AsSpan(k * studentDim));
                }
                NormalizeAdvantages(mbAdv);

                var actorInput = TensorArrays.Rows(mbActor, mb, actorDim);
                var (logProb, entropy) = Model.Evaluate(actorInput, mbActions);
                var values = Model.Value(TensorArrays.Rows(mbCritic, mb, criticDim));
                var terms = PpoLoss.Compute(logProb, TensorArrays.Rows(mbOldLogp), TensorArrays.Rows(mbAdv), entropy,
                    values, TensorArrays.Rows(mbOldValues), TensorArrays.Rows(mbReturns), _loss);
                if (_config.Alignment is { } align)
                {
                    // The alignment loss is the only gradient the encoders get (besides the masked RL share into the
                    // teacher encoder).
                    var alignment = AlignmentObjective.Compute(Model, actorInput, TensorArrays.Rows(mbStudent, mb, studentDim), align);
                    stats.AddAlignment(alignment);
                    terms = terms with { Total = terms.Total.Plus(alignment.Loss) };
                }
                Apply(terms, stats);
            }
            if (stats.EndEpoch(_config.TargetKl))
            {
                break;
            }
        }
        return Finish(stats);
    }

    // One gradient step on a minibatch's loss, with the global gradient-norm clip.
    private void Apply(PpoLossTerms terms, OptimizationStats stats)
    {
        Optimizer.zero_grad();
        terms.Total.backward();
        foreach (var group in _clipGroups)
        {
            torch.nn.utils.clip_grad_norm_(group, _config.MaxGradNorm);
        }
        Optimizer.step();
        stats.Add(terms);
    }

    // The gradient-norm clip applies per group. In the aligned method the encoders (alignment loss) and the head and
    // critic (PPO, and for the head the head-consistency term) learn from different losses; under one global clip the
    // alignment gradient, usually the larger, would set the scale for all and shrink the head's PPO steps with it.
    private IReadOnlyList<IReadOnlyList<Parameter>> _clipGroups = [];

    private (double Loss, double MutualInformation, double Disagreement) _lastAlignment = (double.NaN, double.NaN, double.NaN);

    private (float Policy, float Value, float Entropy, float Kl, float Clip, int Epochs) Finish(OptimizationStats stats)
    {
        AdaptLearningRate((float)stats.LastEpochKl);
        _lastAlignment = stats.Alignment;
        return stats.Means();
    }

    // KL-adaptive step size (after rsl_rl): once per update, from the KL of its last epoch, shrink the rate when the
    // policy moved too far and grow it when it barely moved. Adapting per minibatch compounds 1.5x forty times an
    // update and slams the rate into its bounds.
    private void AdaptLearningRate(float kl)
    {
        if (_config.LearningRateSchedule != LearningRateSchedules.Adaptive)
        {
            return;
        }
        if (kl > 2f * _config.DesiredKl)
        {
            Optimizer.LearningRate = Math.Max(1e-5, Optimizer.LearningRate / 1.5);
        }
        else if (kl < 0.5f * _config.DesiredKl && kl > 0f)
        {
            Optimizer.LearningRate = Math.Min(MaxAdaptiveLearningRate, Optimizer.LearningRate * 1.5);
        }
    }

    private const double MaxAdaptiveLearningRate = 3e-3;

    /// <summary>Reward scaling statistics, for checkpoints.</summary>
    public RewardScaler RewardScaler => _rewardScaler;

    private void Normalize(RunningNormalizer normalizer, float[] raw, Span<float> destination, bool update)
    {
        if (!_config.NormalizeObservations)
        {
            raw.CopyTo(destination);
            return;
        }
        if (update)
        {
            normalizer.Update(raw);
        }
        normalizer.Normalize(raw, destination);
    }

    private static void NormalizeAdvantages(float[] advantages)
    {
        float mean = TensorPrimitives.Sum(advantages) / advantages.Length;
        double var = 0;
        foreach (float a in advantages)
        {
            var += (a - mean) * (a - mean);
        }
        float std = (float)Math.Sqrt(var / Math.Max(1, advantages.Length - 1)) + 1e-8f;
        for (int i = 0; i < advantages.Length; i++)
        {
            advantages[i] = (advantages[i] - mean) / std;
        }
    }

    /// <summary>
    /// Mean undiscounted return of the current policy over <paramref name="episodes"/> episodes of a separate env
    /// (deterministic actions unless asked otherwise). Normalizers are read, not updated.
    /// </summary>
    public double Evaluate(IVectorEnv evalEnv, int episodes, int seed, bool deterministic = true)
    {
        int n = evalEnv.NumEnvs, actorDim = _observations.ActorDim;
        var normalized = new float[n * actorDim];
        var state = new float[_recurrent ? n * _config.GruHidden : 0];
        var generator = new Generator((ulong)seed);
        return EpisodeEvaluation.MeanReturn(evalEnv, Agent, _recurrent ? 1 : _config.StudentHistory, episodes, seed, (raw, began, actions) =>
        {
            if (_config.NormalizeObservations) ActorNormalizer.Normalize(raw, normalized); else raw.CopyTo(normalized, 0);
            using var scope = torch.NewDisposeScope();
            var input = TensorArrays.Rows(normalized, n, actorDim);
            if (_recurrent)
            {
                input = EncodeForEvaluation(input, state, began);
            }
            (deterministic ? Model.Deterministic(input) : Model.Sample(input, generator).Actions).CopyTo(actions, 0);
        }, TeacherSeesStudentView);
    }

    /// <summary>Aligned method: the teacher's input is its privileged observation followed by the student's view.</summary>
    public bool TeacherSeesStudentView => _config.Alignment is not null;

    /// <summary>
    /// Aligned method: where the student's stacked view sits in the teacher's input, and so which columns of
    /// <see cref="ActorNormalizer"/> normalize the student (its exported normalizer is exactly these).
    /// </summary>
    public (int First, int Width) StudentColumns => _config.Alignment is not null
        ? (_studentColumn, _studentDim)
        : throw new InvalidOperationException("only an aligned run has a student part in the teacher's input");

    /// <summary>
    /// Aligned method: mean return of the student acting through the shared head on its own embedding, head(E_S(o)),
    /// with no imitation or RL of its own.
    /// </summary>
    public double EvaluateStudent(IVectorEnv evalEnv, int episodes, int seed)
    {
        if (_config.Alignment is null)
        {
            throw new InvalidOperationException("only an aligned run has a student encoder to evaluate");
        }
        int n = evalEnv.NumEnvs, dim = _studentDim;
        var normalized = new float[n * dim];
        return EpisodeEvaluation.MeanReturn(evalEnv, AgentKind.StudentRl, _config.StudentHistory, episodes, seed, (raw, _, actions) =>
        {
            if (_config.NormalizeObservations) ActorNormalizer.NormalizeColumns(raw, normalized, _studentColumn, dim); else raw.CopyTo(normalized, 0);
            using var scope = torch.NewDisposeScope();
            Model.StudentDeterministic(TensorArrays.Rows(normalized, n, dim)).CopyTo(actions, 0);
        });
    }

    /// <summary>The teacher's action for privileged observations (deterministic, policy space): what a student imitates.</summary>
    public float[] TeacherAction(float[] rawTeacherObs)
    {
        if (Agent != AgentKind.Teacher || TeacherSeesStudentView)
        {
            throw new InvalidOperationException("only a plain (privileged-observation) teacher labels actions for imitation");
        }
        var normalized = new float[rawTeacherObs.Length];
        if (_config.NormalizeObservations) ActorNormalizer.Normalize(rawTeacherObs, normalized); else rawTeacherObs.CopyTo(normalized, 0);
        using var scope = torch.NewDisposeScope();
        return Model.Deterministic(TensorArrays.Rows(normalized, rawTeacherObs.Length / ActorDim, ActorDim));
    }
}
