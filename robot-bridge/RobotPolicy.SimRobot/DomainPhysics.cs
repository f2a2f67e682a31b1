using RobotPolicy.Bridge.Messages;
using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.SimRobot;

/// <summary>
/// One copy of a trainer domain driven by actuators, the physics both robot-side users step (the simulated robot
/// behind a link, the benchmark's plant): each step applies the actuators' command (their damping mode included),
/// advances one control period and keeps the episode's return. An episode that ends is followed by the next (the
/// domain resets itself). Nothing is allocated per step.
/// </summary>
internal sealed class DomainPhysics
{
    private readonly IVectorEnv _env;
    private readonly float[] _reward = new float[1];
    private readonly bool[] _terminated = new bool[1];
    private readonly bool[] _truncated = new bool[1];
    private double _episodeReturn;

    /// <exception cref="SimRobotException">The domain is not one the trainer knows (or its library is missing).</exception>
    public DomainPhysics(string domain, int seed)
    {
        ArgumentNullException.ThrowIfNull(domain);
        try
        {
            _env = DomainRegistry.Create(domain, 1);
        }
        catch (ArgumentException e)
        {
            throw new SimRobotException(e.Message);
        }
        _env.Reset(seed);
        Actuators = new Actuators(_env.ActionSpace);
    }

    public Actuators Actuators { get; }

    /// <summary>Values in a sensor frame: the domain's student observation.</summary>
    public int SensorCount => _env.StudentObsDim;

    /// <summary>The return of the episode that the last <see cref="Step"/> ended.</summary>
    public double FinishedReturn { get; private set; }

    /// <summary>Whether that episode ended by itself (false: it reached the time limit).</summary>
    public bool FinishedByTermination { get; private set; }

    public Hello HelloFor(string robotName, long controlPeriodNanoseconds) => RobotHello.For(_env, robotName, controlPeriodNanoseconds);

    /// <summary>Abandons the episode and starts a fresh one from <paramref name="seed"/>.</summary>
    public void Reset(int seed)
    {
        _env.Reset(seed);
        _episodeReturn = 0;
    }

    /// <summary>One control period under the actuators' command; true when it ended the episode.</summary>
    public bool Step()
    {
        Actuators.ApplyDampingMode(_env);
        _env.Step(Actuators.Command, _reward, _terminated, _truncated);
        _episodeReturn += _reward[0];
        if (!(_terminated[0] || _truncated[0]))
        {
            return false;
        }
        FinishedReturn = _episodeReturn;
        FinishedByTermination = _terminated[0];
        _episodeReturn = 0;
        return true;
    }

    /// <summary>Writes what the robot senses now (the domain's student observation).</summary>
    public void ReadSensors(Span<float> values) => _env.WriteStudentObs(values);
}
