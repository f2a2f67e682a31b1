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
    private readonly bool _teacherSeesStudentView;
    private readonly float[] _teacherScratch;
    private readonly float[] _studentScratch;

    /// <param name="teacherSeesStudentView">A teacher whose input is its privileged observation followed by the
    /// student's stacked view (the aligned method: the teacher encoder must know what the student knows in each
    /// state to keep exactly that in the shared embedding).</param>
    public AgentObservations(IVectorEnv env, AgentKind agent, int studentHistory, bool teacherSeesStudentView = false)
    {
        _env = env;
        Agent = agent;
        _teacherSeesStudentView = agent == AgentKind.Teacher && teacherSeesStudentView;
        if (agent == AgentKind.StudentRl || _teacherSeesStudentView)
        {
            _history = new HistoryStacker(env.NumEnvs, env.StudentObsDim, studentHistory);
            _frames = new float[env.NumEnvs * env.StudentObsDim];
        }
        else
        {
            _frames = [];
        }
        int studentView = env.StudentObsDim * studentHistory;
        ActorDim = agent == AgentKind.Teacher ? env.TeacherObsDim + (_teacherSeesStudentView ? studentView : 0) : studentView;
        _teacherScratch = _teacherSeesStudentView ? new float[env.NumEnvs * env.TeacherObsDim] : [];
        _studentScratch = _teacherSeesStudentView ? new float[env.NumEnvs * studentView] : [];
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
        if (_teacherSeesStudentView)
        {
            // Per env: [privileged observation | stacked student view].
            _env.WriteTeacherObs(_teacherScratch);
            _history!.Write(_studentScratch);
            int t = _env.TeacherObsDim, v = _studentScratch.Length / _env.NumEnvs;
            for (int e = 0; e < _env.NumEnvs; e++)
            {
                _teacherScratch.AsSpan(e * t, t).CopyTo(destination.Slice(e * (t + v)));
                _studentScratch.AsSpan(e * v, v).CopyTo(destination.Slice(e * (t + v) + t));
            }
        }
        else if (_history is null)
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
