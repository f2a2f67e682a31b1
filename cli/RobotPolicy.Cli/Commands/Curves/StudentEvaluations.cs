using RobotPolicy.Trainer.Domains;
using RobotPolicy.Trainer.Rl;

namespace RobotPolicy.Cli.Commands.Curves;

/// <summary>
/// The student's learning curve during `train`: every so many updates the run's student (an RL student's policy, or
/// an aligned or SITT run's head on the student's embedding) drives a few episodes deterministically on environments
/// of its own, always from the same starts, and the return goes to student-curve.csv. The evaluations read the
/// policy and its normalizer and change neither, nor draw from the training's random generators, so a run's
/// training is the same with or without them; their env steps are not training steps and are not counted.
/// </summary>
internal sealed class StudentEvaluations : IDisposable
{
    /// <summary>Evaluations over a run by default: enough to place "90% of the best student" within a twentieth of the budget.</summary>
    public const int DefaultPoints = 20;

    /// <summary>Episodes per evaluation by default.</summary>
    public const int DefaultEpisodes = 32;

    /// <summary>Added to the run's seed for the evaluations' starts: apart from the final evaluation's (+100,003).</summary>
    public const int SeedOffset = 200_003;

    private readonly PpoTrainer _trainer;
    private readonly string _domain;
    private readonly string _directory;
    private readonly int _every;
    private readonly int _episodes;
    private IVectorEnv? _env;

    private StudentEvaluations(PpoTrainer trainer, string domain, string directory, int every, int episodes)
    {
        _trainer = trainer;
        _domain = domain;
        _directory = directory;
        _every = every;
        _episodes = episodes;
    }

    /// <summary>Null where the run has no student (a teacher) or no evaluations are asked for (points = 0).</summary>
    public static StudentEvaluations? For(PpoTrainer trainer, string domain, string directory, int totalUpdates, int points, int episodes)
    {
        if (!HasStudent(trainer) || points <= 0)
        {
            return null;
        }
        StudentCurveFile.Start(directory, keepUpToSteps: trainer.EnvSteps);
        return new StudentEvaluations(trainer, domain, directory, EveryUpdates(totalUpdates, points), episodes);
    }

    private static bool HasStudent(PpoTrainer trainer) => trainer.Agent == AgentKind.StudentRl || trainer.Config.Alignment is not null;

    /// <summary>Updates between evaluations: the run's updates spread over at most <paramref name="points"/> evaluations.</summary>
    public static int EveryUpdates(int totalUpdates, int points) => Math.Max(1, (int)Math.Ceiling(totalUpdates / (double)points));

    /// <summary>After an update: evaluates on every <see cref="EveryUpdates"/>-th update and on the last.</summary>
    public void AfterUpdate(int totalUpdates)
    {
        int done = _trainer.UpdatesDone;
        if (done % _every == 0 || done == totalUpdates)
        {
            Add(_trainer.EnvSteps, StudentReturn(), _episodes, "ppo");
        }
    }

    /// <summary>A point measured elsewhere (the final evaluations), at the run's own env steps so far.</summary>
    public void Add(long envSteps, double studentReturn, int episodes, string phase) =>
        StudentCurveFile.Append(_directory, new StudentCurvePoint(envSteps, studentReturn, episodes, phase));

    /// <summary>The student's deterministic return: the policy itself for an RL student, the head on the student's embedding otherwise.</summary>
    private double StudentReturn()
    {
        int from = _trainer.Seed + SeedOffset;
        return _trainer.Agent == AgentKind.StudentRl ? _trainer.Evaluate(Env(), _episodes, from) : _trainer.EvaluateStudent(Env(), _episodes, from);
    }

    private IVectorEnv Env() => _env ??= DomainRegistry.Create(_domain, Math.Min(64, _episodes));

    public void Dispose() => (_env as IDisposable)?.Dispose();
}
