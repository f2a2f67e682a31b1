using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Engine;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Trainer.Imitation;

/// <summary>
/// The aligned method's short imitation phase after PPO: the student, head(E_S(o)), is fitted to the aligned
/// teacher's actions, head(E_T(s)), on states collected by the teacher (BC) or, after the first round, by the student
/// itself (DAgger). By default the head is frozen and only the student encoder learns, so the phase can only move
/// the student's embedding towards the teacher's, never the behaviour PPO found. No RL reward is used: the student
/// gets no RL fine-tuning.
/// </summary>
public sealed class AlignedImitation
{
    private readonly PpoTrainer _trainer;
    private readonly IVectorEnv _env;
    private readonly AlignedImitationConfig _config;
    private readonly AgentObservations _observations;
    private readonly Generator _generator;
    private readonly Adam _optimizer;
    private readonly List<float[]> _inputs = [];
    private readonly List<float[]> _labels = [];

    public AlignedImitation(PpoTrainer alignedTrainer, IVectorEnv env, AlignedImitationConfig config, int seed)
    {
        if (alignedTrainer.Config.Alignment is null)
        {
            throw new ArgumentException("the aligned imitation phase needs an aligned run (train --agent aligned)");
        }
        config.Validate();
        _trainer = alignedTrainer;
        _env = env;
        _config = config;
        _generator = new Generator((ulong)seed);
        _observations = new AgentObservations(env, AgentKind.Teacher, alignedTrainer.Config.StudentHistory, teacherSeesStudentView: true);
        var model = alignedTrainer.Model;
        var parameters = model.StudentEncoder!.parameters().ToList();
        if (!config.FreezeHead)
        {
            parameters.AddRange(model.Actor.parameters());
        }
        _optimizer = torch.optim.Adam(parameters, config.LearningRate);
        env.Reset(seed);
        _observations.Reset();
    }

    public int IterationsDone { get; private set; }

    /// <summary>One round: collect, label with the teacher, fit. Returns the mean loss and who drove.</summary>
    public (float Loss, bool TeacherDrove) Iterate()
    {
        bool teacherDrives = IterationsDone == 0 || _config.Method == ImitationMethods.Bc;
        Collect(teacherDrives);
        float loss = Fit();
        IterationsDone++;
        return (loss, teacherDrives);
    }

    private void Collect(bool teacherDrives)
    {
        int n = _env.NumEnvs, dim = _trainer.ActorDim, ad = _env.ActionSpace.Dim;
        var (column, studentDim) = _trainer.StudentColumns;
        var raw = new float[n * dim];
        var normalized = new float[n * dim];
        var student = new float[n * studentDim];
        var envActions = new float[n * ad];
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var ended = new bool[n];
        for (int t = 0; t < _config.StepsPerIteration; t++)
        {
            _observations.WriteActor(raw);
            Normalize(raw, normalized);
            var teacherActions = _trainer.Model.Deterministic(torch.from_array(normalized, n, dim));
            for (int e = 0; e < n; e++)
            {
                normalized.AsSpan(e * dim + column, studentDim).CopyTo(student.AsSpan(e * studentDim));
                _inputs.Add(student.AsSpan(e * studentDim, studentDim).ToArray());
                _labels.Add(teacherActions.AsSpan(e * ad, ad).ToArray());
            }
            var acting = teacherDrives ? teacherActions : _trainer.Model.StudentDeterministic(torch.from_array(student, n, studentDim));
            ActionMapping.ToEnv(_env.ActionSpace, acting, envActions);
            _env.Step(envActions, rewards, terminated, truncated);
            for (int e = 0; e < n; e++)
            {
                ended[e] = terminated[e] || truncated[e];
            }
            _observations.AfterStep(ended);
        }
    }

    private float Fit()
    {
        var model = _trainer.Model;
        int dim = _trainer.StudentColumns.Width;
        return SupervisedEpochs.Run(_inputs, _labels, dim, _env.ActionSpace.Dim, _config.MinibatchSize, _config.Epochs, _generator, (x, y, rows) =>
        {
            var output = model.Actor.forward(model.StudentEmbedding(torch.tensor(x, rows, dim)));
            var loss = ImitationLoss.Compute(output, y, _env.ActionSpace);
            model.zero_grad(); // the whole model: a frozen head gets gradients too, which are never applied
            loss.backward();
            _optimizer.step();
            return loss.item();
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
