using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.Trainer.Rl;

/// <summary>
/// What the actor and the critic of an agent see, read from the envs: a teacher's actor sees the privileged
/// observation; a student's actor sees its stacked history. The critic always sees the privileged observation
/// (asymmetric actor-critic), which also lets truncated episodes bootstrap from their final state.
/// </summary>
public sealed class AgentObservations
{
    private readonly IVectorEnv _env;
    private readonly HistoryStacker? _history;
    private readonly float[] _frames;

    public AgentObservations(IVectorEnv env, AgentKind agent, int studentHistory)
    {
        _env = env;
        Agent = agent;
        if (agent == AgentKind.StudentRl)
        {
            _history = new HistoryStacker(env.NumEnvs, env.StudentObsDim, studentHistory);
            _frames = new float[env.NumEnvs * env.StudentObsDim];
        }
        else
        {
            _frames = [];
        }
        ActorDim = agent == AgentKind.Teacher ? env.TeacherObsDim : env.StudentObsDim * studentHistory;
    }

    public AgentKind Agent { get; }

    public int ActorDim { get; }

    public int CriticDim => _env.TeacherObsDim;

    /// <summary>Call after env.Reset.</summary>
    public void Reset()
    {
        if (_history is not null)
        {
            _env.WriteStudentObs(_frames);
            _history.Reset(_frames);
        }
    }

    /// <summary>Call after every env.Step, with which envs ended an episode (and were auto-reset).</summary>
    public void AfterStep(ReadOnlySpan<bool> episodeEnded)
    {
        if (_history is not null)
        {
            _env.WriteStudentObs(_frames);
            _history.Push(_frames, episodeEnded);
        }
    }

    public void WriteActor(Span<float> destination)
    {
        if (_history is null)
        {
            _env.WriteTeacherObs(destination);
        }
        else
        {
            _history.Write(destination);
        }
    }

    public void WriteCritic(Span<float> destination) => _env.WriteTeacherObs(destination);
}
