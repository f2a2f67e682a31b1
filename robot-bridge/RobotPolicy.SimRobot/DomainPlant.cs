using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Plant;
using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.SimRobot;

/// <summary>
/// One copy of a trainer domain as a benchmark robot's physics: the states it sends are the domain's student
/// observation (what sim-robot sends), and the actions it gets drive the domain's actuators as sim-robot's do. The
/// physics advances one of the domain's control periods per frame whatever the benchmark's rate (as sim-robot's
/// --speed does), and an episode that ends is followed by the next (the domain resets itself).
/// </summary>
public sealed class DomainPlant : IRobotPlant
{
    private readonly IVectorEnv _env;
    private readonly Actuators _actuators;
    private readonly float[] _reward = new float[1];
    private readonly bool[] _terminated = new bool[1];
    private readonly bool[] _truncated = new bool[1];
    private double _episodeReturn;
    private double _returnSum;

    /// <exception cref="SimRobotException">The domain is not one the trainer knows (or its library is missing).</exception>
    public DomainPlant(string domain, int seed)
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
        _actuators = new Actuators(_env.ActionSpace);
        Name = domain;
    }

    public string Name { get; }

    public int Episodes { get; private set; }

    public double MeanReturn => Episodes == 0 ? double.NaN : _returnSum / Episodes;

    public Hello HelloAt(long controlPeriodNanoseconds) => RobotHello.For(_env, $"sim-{Name}", controlPeriodNanoseconds);

    public void Command(ReadOnlySpan<float> targets) => _actuators.Apply(ActionMode.Normal, targets);

    public void Advance(Span<float> sensorValues)
    {
        _actuators.ApplyDampingMode(_env);
        _env.Step(_actuators.Command, _reward, _terminated, _truncated);
        _episodeReturn += _reward[0];
        if (_terminated[0] || _truncated[0])
        {
            _returnSum += _episodeReturn;
            _episodeReturn = 0;
            Episodes++;
        }
        _env.WriteStudentObs(sensorValues);
    }
}
