using RobotPolicy.Bridge.Messages;
using RobotPolicy.Control.Telemetry;

namespace RobotPolicy.Control.Loop;

/// <summary>
/// What the control loop reports as it runs, for logs and consoles. Everything but <see cref="Summary"/> is called
/// on the loop's thread, and only when something happens (never per cycle); <see cref="Summary"/> comes from the
/// telemetry thread every summary interval.
/// </summary>
public interface IControlEvents
{
    /// <summary>The robot's Hello matched the bundle; <paramref name="again"/> when it said Hello again mid-run (a
    /// reset or a restart: the history and the soft start start over).</summary>
    void RobotAccepted(Hello hello, bool again);

    void WatchdogTripped(TimeSpan silence);

    void SensorsBack(TimeSpan silence);

    void BadOutput(long cycle);

    void EStopReceived(EStop estop);

    void FaultReceived(Fault fault);

    void Warning(string text);

    void Summary(ControlSummary summary);
}

/// <summary>Ignores every event.</summary>
public sealed class NoControlEvents : IControlEvents
{
    public static readonly NoControlEvents Instance = new();

    public void RobotAccepted(Hello hello, bool again) { }
    public void WatchdogTripped(TimeSpan silence) { }
    public void SensorsBack(TimeSpan silence) { }
    public void BadOutput(long cycle) { }
    public void EStopReceived(EStop estop) { }
    public void FaultReceived(Fault fault) { }
    public void Warning(string text) { }
    public void Summary(ControlSummary summary) { }
}
