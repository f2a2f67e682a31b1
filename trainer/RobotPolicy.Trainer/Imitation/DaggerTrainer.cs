using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.TorchExtensions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Trainer.Imitation;

/// <summary>What one imitation iteration did.</summary>
public sealed record DaggerIterationMetrics(int Iteration, int DatasetSize, float Loss, float TeacherAgreement, bool TeacherDrove);

/// <summary>
/// Distills a privileged PPO teacher into a student that sees only its own (stacked) observations, by behaviour
/// cloning (teacher-driven data) or DAgger (after the first iteration the student drives, the teacher labels every
/// state the student reaches). This is the baseline the aligned method is measured against: where the teacher
/// relies on information the student cannot infer, the student ends up copying the teacher's behaviour without its
/// information, the imitation gap.
/// </summary>
public sealed class DaggerTrainer
{
    private readonly IVectorEnv _env;
    private readonly PpoTrainer _teacher;
    private readonly DaggerConfig _config;
    private readonly AgentObservations _studentObs;
    private readonly Generator _generator;
    private readonly List<float[]> _obs = [];
    private readonly List<float[]> _labels = [];

    public DaggerTrainer(IVectorEnv env, PpoTrainer teacher, DaggerConfig config, int seed)
    {
        if (teacher.Agent != AgentKind.Teacher)
        {
            throw new ArgumentException("the policy to imitate must be a teacher (trained with --agent teacher)");
        }
        _env = env;
        _teacher = teacher;
        _config = config;
        LibTorch.Start();
        _generator = new Generator((ulong)seed);
        Seed = seed;
        _studentObs = new AgentObservations(env, AgentKind.StudentRl, config.StudentHistory);
        Student = new ActorCritic(_studentObs.ActorDim, env.TeacherObsDim, env.ActionSpace, new PpoConfig { Hidden = config.Hidden }, _generator);
        Normalizer = new RunningNormalizer(_studentObs.ActorDim);
        Optimizer = new TorchExtensions.Adam(Student.Actor.parameters(), config.LearningRate);
        env.Reset(seed);
        _studentObs.Reset();
    }

    public ActorCritic Student { get; }

    /// <summary>The env the student is trained in (its observation terms and action space are the exported policy's).</summary>
    public IVectorEnv Env => _env;

    public DaggerConfig Config => _config;

    public int Seed { get; }

    /// <summary>Environment steps this imitation run collected (its teacher's training not included).</summary>
    public long EnvSteps { get; private set; }

    public RunningNormalizer Normalizer { get; }

    public TorchExtensions.Adam Optimizer { get; }

    public int IterationsDone { get; private set; }

    public DaggerIterationMetrics Iterate()
    {
        bool teacherDrives = IterationsDone == 0 || !_config.StudentDrivesCollection;
        Collect(teacherDrives);
        float loss = Fit();
        IterationsDone++;
        return new DaggerIterationMetrics(IterationsDone, _obs.Count, loss, Agreement(), teacherDrives);
    }

    private void Collect(bool teacherDrives)
    {
        int n = _env.NumEnvs, ad = _env.ActionSpace.Dim;
        var teacherObs = new float[n * _env.TeacherObsDim];
        var studentRaw = new float[n * _studentObs.ActorDim];
        var studentNorm = new float[studentRaw.Length];
        var envActions = new float[n * ad];
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var ended = new bool[n];
        for (int t = 0; t < _config.StepsPerIteration; t++)
        {
            using var scope = torch.NewDisposeScope();
            _env.WriteTeacherObs(teacherObs);
            _studentObs.WriteActor(studentRaw);
            Normalizer.Update(studentRaw);
            var labels = _teacher.TeacherAction(teacherObs);
            for (int e = 0; e < n; e++)
            {
                _obs.Add(studentRaw.AsSpan(e * _studentObs.ActorDim, _studentObs.ActorDim).ToArray());
                _labels.Add(labels.AsSpan(e * ad, ad).ToArray());
            }
            float[] acting = labels;
            if (!teacherDrives)
            {
                Normalizer.Normalize(studentRaw, studentNorm);
                acting = Student.Deterministic(TensorArrays.Rows(studentNorm, n, _studentObs.ActorDim));
            }
            ActionMapping.ToEnv(_env.ActionSpace, acting, envActions);
            _env.Step(envActions, rewards, terminated, truncated);
            EnvSteps += n;
            for (int e = 0; e < n; e++)
            {
                ended[e] = terminated[e] || truncated[e];
            }
            _studentObs.AfterStep(ended);
        }
        int excess = _obs.Count - _config.MaxDataset;
        if (excess > 0)
        {
            _obs.RemoveRange(0, excess);
            _labels.RemoveRange(0, excess);
        }
    }

    // Supervised epochs over the aggregated dataset: cross-entropy on the teacher's action (discrete) or squared
    // error to the teacher's mean action (continuous, in the policy's normalized action space).
    private float Fit()
    {
        int dim = _studentObs.ActorDim;
        var x = Array.Empty<float>();
        return SupervisedEpochs.Run(_obs, _labels, dim, _env.ActionSpace.Dim, _config.MinibatchSize, _config.Epochs, _generator, (raw, y, rows) =>
        {
            if (x.Length != raw.Length)
            {
                x = new float[raw.Length];
            }
            Normalizer.Normalize(raw, x);
            using var scope = torch.NewDisposeScope();
            var output = Student.Actor.forward(TensorArrays.Rows(x, rows, dim));
            var loss = ImitationLoss.Compute(output, y, _env.ActionSpace);
            Optimizer.zero_grad();
            loss.backward();
            Optimizer.step();
            return loss.item<float>();
        });
    }

    // How often the student's action matches the teacher's label on the latest data (discrete), or 1 − mean
    // absolute difference (continuous): how well the student copies what it is shown.
    private float Agreement()
    {
        int dim = _studentObs.ActorDim, ad = _env.ActionSpace.Dim;
        int take = Math.Min(_obs.Count, 4096), from = _obs.Count - take;
        var raw = new float[take * dim];
        var x = new float[take * dim];
        for (int k = 0; k < take; k++)
        {
            _obs[from + k].CopyTo(raw, k * dim);
        }
        Normalizer.Normalize(raw, x);
        using var scope = torch.NewDisposeScope();
        var predicted = Student.Deterministic(TensorArrays.Rows(x, take, dim));
        double score = 0;
        for (int k = 0; k < take; k++)
        {
            for (int d = 0; d < ad; d++)
            {
                float p = predicted[k * ad + d], l = _labels[from + k][d];
                score += _env.ActionSpace.Discrete ? (p == l ? 1 : 0) : 1 - Math.Abs(p - l);
            }
        }
        return (float)(score / (take * ad));
    }

    /// <summary>Mean return of the student (deterministic) over a separate env.</summary>
    public double Evaluate(IVectorEnv evalEnv, int episodes, int seed)
    {
        int n = evalEnv.NumEnvs, dim = _studentObs.ActorDim;
        var normalized = new float[n * dim];
        return EpisodeEvaluation.MeanReturn(evalEnv, AgentKind.StudentRl, _config.StudentHistory, episodes, seed, (raw, _, actions) =>
        {
            Normalizer.Normalize(raw, normalized);
            using var scope = torch.NewDisposeScope();
            Student.Deterministic(TensorArrays.Rows(normalized, n, dim)).CopyTo(actions, 0);
        });
    }
}
