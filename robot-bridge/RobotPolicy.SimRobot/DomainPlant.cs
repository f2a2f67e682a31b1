using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Plant;

namespace RobotPolicy.SimRobot;

/// <summary>
/// One copy of a trainer domain as a benchmark robot's physics: the states it sends are the domain's student
/// observation (what sim-robot sends), and the actions it gets drive the domain's actuators as sim-robot's do. The
/// physics advances one of the domain's control periods per frame whatever the benchmark's rate (as sim-robot's
/// --speed does), and an episode that ends is followed by the next (the domain resets itself).
/// </summary>
public sealed class DomainPlant : IRobotPlant
{
    private readonly DomainPhysics _physics;
    private double _returnSum;

    /// <exception cref="SimRobotException">The domain is not one the trainer knows (or its library is missing).</exception>
    public DomainPlant(string domain, int seed)
    {
        _physics = new DomainPhysics(domain, seed);
        Name = domain;
    }

    public string Name { get; }

    public int Episodes { get; private set; }

    public double MeanReturn => Episodes == 0 ? double.NaN : _returnSum / Episodes;

    public Hello HelloAt(long controlPeriodNanoseconds) => _physics.HelloFor($"sim-{Name}", controlPeriodNanoseconds);

    public void Command(ReadOnlySpan<float> targets) => _physics.Actuators.Apply(ActionMode.Normal, targets);

    public void Advance(Span<float> sensorValues)
    {
        if (_physics.Step())
        {
            _returnSum += _physics.FinishedReturn;
            Episodes++;
        }
        _physics.ReadSensors(sensorValues);
    }
}
