using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Timing;
using RobotPolicy.Bridge.Transports;

namespace RobotPolicy.SimRobot;

/// <summary>
/// A trainer domain (one copy) behind the robot's side of the bridge. It says Hello until a runtime answers, then
/// steps the physics once per control period on absolute deadlines: at each deadline it applies the action that
/// answered the previous sensor frame (or keeps the last command and counts the action missing), steps, and sends
/// the next sensor frame. Each new episode starts with a Hello again, as a robot that was reset would, so the runtime
/// restarts its observation history as the trainer did. A runtime that falls silent for
/// <see cref="SimRobotOptions.RuntimeTimeout"/> stops the physics (the episode is abandoned) until it answers again.
/// Nothing is allocated per step, so the robot's own timing is not disturbed by collections.
/// </summary>
public sealed class SimulatedRobot
{
    private readonly SimRobotOptions _options;
    private readonly Action<string> _log;
    private readonly DomainPhysics _physics;
    // Wall-clock time between steps: the control period divided by the speed.
    private readonly long _periodNanoseconds;
    private readonly byte[] _hello;
    private readonly float[] _observation;
    private readonly float[] _targets;
    private byte[] _message = [];
    private ulong _nextSequence;
    private int _resets;

    public SimulatedRobot(SimRobotOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log ?? (_ => { });
        if (!(options.PeriodSeconds > 0 && options.PeriodSeconds <= 10))
        {
            throw new SimRobotException($"control period {options.PeriodSeconds} s is not in (0, 10] s");
        }
        _physics = new DomainPhysics(options.Domain, options.Seed);
        if (!(options.Speed >= 0.01 && options.Speed <= 1000))
        {
            throw new SimRobotException($"speed {options.Speed} is not in [0.01, 1000]");
        }
        long periodNanoseconds = (long)Math.Round(options.PeriodSeconds * 1e9);
        _periodNanoseconds = (long)Math.Round(periodNanoseconds / options.Speed);
        Hello = _physics.HelloFor(options.RobotName, periodNanoseconds);
        _hello = Hello.ToArray();
        _observation = new float[_physics.SensorCount];
        // Room for more targets than the robot has, so a wrong count is counted rather than a decoding error.
        _targets = new float[_physics.Actuators.TargetCount + 64];
    }

    /// <summary>What this robot announces: the domain's student sensor terms and its actions as joints.</summary>
    public Hello Hello { get; }

    public SimRobotStatistics Statistics { get; } = new();

    /// <summary>Runs until the episodes are done, the runtime sends EStop, or <paramref name="cancel"/> fires.
    /// Transport failures (a cable pull) propagate as <see cref="TransportException"/>.</summary>
    public SimRobotStop Run(IMessageTransport transport, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _message = new byte[Math.Min(transport.MaxMessageLength, 1 << 16)];
        SimRobotStop stop = RunSession(transport, cancel);
        if (stop != SimRobotStop.EStop)
        {
            SayGoodbye(transport, stop);
        }
        return stop;
    }

    // A robot that ends the session says so, so the runtime sends its safe action and stops instead of waiting on
    // its watchdog (over UDP nothing else would tell it). After an EStop from the runtime, it is already stopping.
    private void SayGoodbye(IMessageTransport transport, SimRobotStop stop)
    {
        var goodbye = new Goodbye(0, stop == SimRobotStop.EpisodesDone ? $"{_options.Episodes} episodes done" : "the simulated robot was stopped");
        var buffer = new byte[goodbye.MaxLength];
        try
        {
            transport.Send(buffer.AsSpan(0, goodbye.Write(buffer)));
        }
        catch (TransportException e)
        {
            _log($"could not say goodbye: {e.Message}");
        }
    }

    private SimRobotStop RunSession(IMessageTransport transport, CancellationToken cancel)
    {
        var connectDeadline = _options.ConnectTimeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : MonotonicClock.NowNanoseconds + (long)(_options.ConnectTimeout.TotalSeconds * 1e9);
        while (true)
        {
            SimRobotStop? stop = WaitForRuntime(transport, connectDeadline, cancel);
            if (stop is { } waited)
            {
                return waited;
            }
            stop = Step(transport, cancel);
            if (stop is { } stepped)
            {
                return stepped;
            }
            // The runtime went silent: abandon the episode and say Hello until it answers again.
            _physics.Reset(_options.Seed + ++_resets);
            connectDeadline = long.MaxValue;
        }
    }

    private SimRobotStop? WaitForRuntime(IMessageTransport transport, long connectDeadline, CancellationToken cancel)
    {
        long nextHello = 0;
        while (!cancel.IsCancellationRequested)
        {
            long now = MonotonicClock.NowNanoseconds;
            if (now >= connectDeadline)
            {
                throw new SimRobotException($"no runtime answered on {transport.Description} within {_options.ConnectTimeout.TotalSeconds:0.#} s");
            }
            if (now >= nextHello)
            {
                SendHello(transport);
                nextHello = now + (long)(_options.HelloInterval.TotalSeconds * 1e9);
            }
            long wait = Math.Min(nextHello, connectDeadline) - now;
            if (!transport.TryReceive(_message, TimeSpan.FromTicks(Math.Max(0, wait / 100)), out int length))
            {
                continue;
            }
            switch (MessageEnvelope.TryPeekType(_message.AsSpan(0, length)))
            {
                case MessageType.ActionFrame:
                case MessageType.Heartbeat:
                    _log($"runtime answered on {transport.Description}");
                    return null;
                case MessageType.EStop:
                    _log($"EStop from the runtime before the first step: {EStop.Read(_message.AsSpan(0, length)).Text}");
                    return SimRobotStop.EStop;
                case MessageType.Fault:
                    RecordFault(Fault.Read(_message.AsSpan(0, length)));
                    break;
            }
        }
        return SimRobotStop.Cancelled;
    }

    // One connected stretch: steps until the runtime goes silent (null), or a stop.
    private SimRobotStop? Step(IMessageTransport transport, CancellationToken cancel)
    {
        long now = MonotonicClock.NowNanoseconds;
        ulong awaited = SendSensorFrame(transport, now);
        long sentAt = now;
        long lastHeard = now;
        bool answered = false;
        var deadlines = new PeriodicDeadlines(now, _periodNanoseconds);
        while (true)
        {
            // Take what the runtime sends until this step's deadline.
            while (true)
            {
                long left = deadlines.CurrentNanoseconds - MonotonicClock.NowNanoseconds;
                if (left <= 0)
                {
                    break;
                }
                if (!transport.TryReceive(_message, TimeSpan.FromTicks(Math.Max(1, left / 100)), out int length))
                {
                    // Checked against the clock above, not trusted: a step is taken at its deadline, never before.
                    continue;
                }
                now = MonotonicClock.NowNanoseconds;
                lastHeard = now;
                ReadOnlySpan<byte> message = _message.AsSpan(0, length);
                switch (MessageEnvelope.TryPeekType(message))
                {
                    case MessageType.ActionFrame:
                        TakeAction(message, awaited, ref answered, now - sentAt);
                        break;
                    case MessageType.EStop:
                        _log($"EStop from the runtime (reason {EStop.Read(message).Reason}): stopping");
                        return SimRobotStop.EStop;
                    case MessageType.Fault:
                        RecordFault(Fault.Read(message));
                        break;
                }
            }
            if (cancel.IsCancellationRequested)
            {
                return SimRobotStop.Cancelled;
            }
            now = MonotonicClock.NowNanoseconds;
            if (now - lastHeard > (long)(_options.RuntimeTimeout.TotalSeconds * 1e9))
            {
                Statistics.RuntimeLost++;
                _log($"the runtime has been silent for {_options.RuntimeTimeout.TotalSeconds:0.###} s: stopping the physics and saying Hello again");
                return null;
            }
            if (!answered)
            {
                Statistics.ActionsMissing++;
            }
            answered = false;

            bool episodeEnded = _physics.Step();
            Statistics.Steps++;
            if (episodeEnded)
            {
                Statistics.AddReturn(_physics.FinishedReturn);
                _log($"episode {Statistics.EpisodeReturns.Count}: return {_physics.FinishedReturn:0.###} ({(_physics.FinishedByTermination ? "ended" : "time limit")})");
                if (_options.Episodes > 0 && Statistics.EpisodeReturns.Count >= _options.Episodes)
                {
                    return SimRobotStop.EpisodesDone;
                }
                SendHello(transport);
            }
            deadlines.Advance(MonotonicClock.NowNanoseconds);
            sentAt = MonotonicClock.NowNanoseconds;
            awaited = SendSensorFrame(transport, sentAt);
        }
    }

    private void TakeAction(ReadOnlySpan<byte> message, ulong awaited, ref bool answered, long roundTrip)
    {
        ActionFrame frame;
        try
        {
            frame = ActionFrame.Read(message, _targets);
        }
        catch (FormatException)
        {
            Statistics.ActionsMalformed++;
            return;
        }
        if (frame.Mode != ActionMode.Normal)
        {
            // A safety command (the runtime's watchdog, shutdown, EStop answer) is obeyed whatever frame it names.
            _physics.Actuators.Apply(frame.Mode, frame.Targets);
            Statistics.SafetyCommands++;
            return;
        }
        if (frame.SensorSequence < awaited)
        {
            Statistics.ActionsLate++;
            return;
        }
        if (frame.SensorSequence > awaited || answered)
        {
            // An answer to a frame never sent, or a second answer to this one: not the robot's to act on.
            Statistics.ActionsMalformed++;
            return;
        }
        if (!_physics.Actuators.Apply(frame.Mode, frame.Targets))
        {
            Statistics.ActionsMalformed++;
            return;
        }
        answered = true;
        Statistics.ActionsOnTime++;
        Statistics.AddRoundTrip(roundTrip);
    }

    private ulong SendSensorFrame(IMessageTransport transport, long now)
    {
        _physics.ReadSensors(_observation);
        ulong sequence = _nextSequence++;
        int length = new SensorFrame(sequence, now, _observation).Write(_message);
        transport.Send(_message.AsSpan(0, length));
        return sequence;
    }

    private void SendHello(IMessageTransport transport)
    {
        transport.Send(_hello);
        Statistics.HellosSent++;
    }

    private void RecordFault(Fault fault)
    {
        Statistics.FaultsReceived++;
        Statistics.LastFault = fault.Text;
        _log($"fault from the runtime (code {fault.Code}): {fault.Text}");
    }
}
