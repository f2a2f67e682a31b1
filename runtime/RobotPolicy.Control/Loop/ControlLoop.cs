using RobotPolicy.Bridge.Handshake;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.PolicyCheck;
using RobotPolicy.Bridge.Timing;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Control.Safety;
using RobotPolicy.Control.Scheduling;
using RobotPolicy.Control.Telemetry;

namespace RobotPolicy.Control.Loop;

/// <summary>
/// Drives a robot with a policy: waits for the robot's Hello and checks it against the bundle (refusing, with a
/// Fault naming the first mismatch, when it differs), then answers every sensor frame at once with the policy's
/// action through the safety layer. Its own cycle runs on absolute deadlines at the control period: a cycle ends
/// early when a sensor frame is answered, or at its deadline, where the stale-sensor watchdog looks at the time since
/// the last frame and, once past the timeout, sends the safe action every cycle until frames come back. An EStop is
/// answered within the cycle it arrives in with the robot's safe state; a stop (Ctrl-C, the cycle count) sends the
/// safe action before returning. Every cycle goes to telemetry through a ring the loop never waits on. Nothing is
/// allocated per cycle (the rare events it reports are not cycles).
/// </summary>
public sealed class ControlLoop
{
    private readonly IControlPolicy _policy;
    private readonly IMessageTransport _robot;
    private readonly ControlOptions _options;
    private readonly IControlEvents _events;
    private readonly string _bundleName;
    private readonly long _periodNanoseconds;
    private readonly ExpectedRobot _expectedRobot;
    private readonly long _sensorTimeoutNanoseconds;
    private readonly long _spinNanoseconds;
    private readonly byte[] _message;
    private readonly byte[] _outgoing;
    private readonly float[] _frame;
    private readonly float[] _policyOutput;
    private readonly float[] _targets;
    private readonly SafetyFilter _safety;
    private readonly TelemetryRing _ring;
    private readonly CycleRecord _unrecorded;
    private long _cycle;
    private long _policyCycles;
    private ulong _lastSequence;
    private bool _resetPending;
    private long _watchdogTrips;
    private long _hellos;
    private string _robotName = "";

    public ControlLoop(IControlPolicy policy, IMessageTransport robot, ControlOptions options, IControlEvents? events = null, string? bundleName = null)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _robot = robot ?? throw new ArgumentNullException(nameof(robot));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _events = events ?? NoControlEvents.Instance;
        _bundleName = bundleName ?? "policy";
        double period = options.PeriodSecondsOverride ?? policy.Metadata.Control.PeriodSeconds;
        _expectedRobot = PolicyHelloCheck.ExpectedRobot(policy.Metadata) with { ControlPeriodSeconds = period };
        _periodNanoseconds = (long)Math.Round(period * 1e9);
        _sensorTimeoutNanoseconds = (long)(options.SensorTimeoutFor(period).TotalSeconds * 1e9);
        _spinNanoseconds = Math.Max(0, options.SpinMicroseconds) * 1000L;
        _message = new byte[Math.Min(robot.MaxMessageLength, 1 << 16)];
        _outgoing = new byte[Math.Max(ActionFrame.MaxLength(policy.ActionDim), 512)];
        // One spare value: a frame with more values than the Hello announced is caught by its count, not by a throw.
        _frame = new float[policy.FrameDim + 1];
        _policyOutput = new float[policy.ActionDim];
        _targets = new float[policy.ActionDim];
        _safety = new SafetyFilter(policy.Metadata.Action, period, options.SoftStartSeconds);
        _ring = new TelemetryRing(options.TelemetryCapacity, policy.FrameDim, policy.ActionDim);
        _unrecorded = new CycleRecord(policy.FrameDim, policy.ActionDim);
    }

    /// <summary>Records the telemetry ring could not take (its reader fell a whole ring behind).</summary>
    public long TelemetryDropped => _ring.Dropped;

    /// <summary>
    /// Runs on the calling thread (which gets the real-time priority and CPU pinning, when asked) until a stop.
    /// Throws <see cref="ControlLoopException"/> when no Hello comes or the robot does not match the bundle.
    /// </summary>
    public ControlResult Run(CancellationToken cancel = default)
    {
        ApplyScheduling();
        // With real-time priority, also keep the CPUs out of deep idle states while the loop runs (as cyclictest does).
        string? notHeld = null;
        using CpuLatencyRequest? latencyRequest = _options.Realtime ? CpuLatencyRequest.TryMake(out notHeld) : null;
        if (notHeld is not null)
        {
            _events.Warning($"running with deep CPU idle states allowed: {notHeld}");
        }
        WarmUp();
        // After the warm-up, so the pages the cycle touches are resident when they are locked.
        string? notLocked = null;
        using MemoryLock? memoryLock = _options.Realtime ? MemoryLock.TryMake(out notLocked) : null;
        if (notLocked is not null)
        {
            _events.Warning($"running with memory that may be paged out: {notLocked}");
        }
        long started = MonotonicClock.NowNanoseconds;
        Accept(AwaitHello(cancel), again: false);
        TelemetryLogWriter? writer = _options.TelemetryPath is { } path
            ? new TelemetryLogWriter(path, new TelemetryHeader(_bundleName, _policy.Metadata.WeightsSha256, _robotName,
                _robot.Description, _periodNanoseconds, _policy.FrameDim, _policy.ActionDim, started))
            : null;
        if (writer?.KeptPrevious is { } kept)
        {
            _events.Warning($"an earlier telemetry log was at {writer.Path}: kept as {kept}");
        }
        var pump = new TelemetryPump(_ring, writer, _options.SummaryInterval, _events.Summary, _options.CycleObserver);
        ControlStop stop;
        string detail;
        try
        {
            (stop, detail) = Cycles(cancel);
        }
        catch (TransportException e)
        {
            (stop, detail) = (ControlStop.RobotLost, e.Message);
        }
        finally
        {
            pump.Dispose();
        }
        if (pump.Failure is { } failure)
        {
            _events.Warning($"telemetry log incomplete: {failure.Message}");
        }
        return new ControlResult(stop, detail, pump.Total, _watchdogTrips, _hellos, _robot.Statistics.ToString());
    }

    private void ApplyScheduling()
    {
        foreach (string warning in ThreadScheduling.ApplyToCallingThread(_options.Realtime ? _options.RealtimePriority : null, _options.Cpu))
        {
            _events.Warning(warning);
        }
    }

    /// <summary>
    /// Runs the cycle's code on zeros before the robot is there: the first policy steps (JIT, ONNX Runtime's first
    /// run) and the codec's first calls take milliseconds, which would otherwise land on the robot's first cycles.
    /// </summary>
    private void WarmUp()
    {
        var zeros = new float[_policy.FrameDim];
        for (int i = 0; i < 20; i++)
        {
            int length = new SensorFrame((ulong)i, i, zeros).Write(_message);
            MessageEnvelope.TryPeekType(_message.AsSpan(0, length));
            SensorFrame frame = SensorFrame.Read(_message.AsSpan(0, length), _frame);
            _policy.Step(frame.Values, _policyOutput);
            _safety.Apply(_policyOutput, _targets, out _);
            new ActionFrame((ulong)i, i, i, ActionMode.Normal, _targets).Write(_outgoing);
        }
        _policy.Reset();
        _safety.Restart();
    }

    private Hello AwaitHello(CancellationToken cancel)
    {
        long deadline = MonotonicClock.NowNanoseconds + (long)(_options.HelloTimeout.TotalSeconds * 1e9);
        while (!cancel.IsCancellationRequested)
        {
            long left = deadline - MonotonicClock.NowNanoseconds;
            if (left <= 0)
            {
                throw new ControlLoopException($"no Hello from the robot on {_robot.Description} within {_options.HelloTimeout.TotalSeconds:0.#} s: is the robot (or `robotpolicy sim-robot`) running and sending to this address?");
            }
            // Short waits, so Ctrl-C is noticed while the robot is still booting.
            if (_robot.TryReceive(_message, TimeSpan.FromTicks(Math.Min(left, 100_000_000) / 100), out int length)
                && MessageEnvelope.TryPeekType(_message.AsSpan(0, length)) == MessageType.Hello)
            {
                return Hello.Read(_message.AsSpan(0, length));
            }
        }
        throw new OperationCanceledException("stopped while waiting for the robot's Hello", cancel);
    }

    private void Accept(Hello hello, bool again)
    {
        try
        {
            HelloCheck.Verify(hello, _expectedRobot);
        }
        catch (HelloMismatchException e)
        {
            string text = $"robot '{hello.RobotName}' does not match {_bundleName}: {e.Mismatch}";
            TrySend(new Fault(1, text));
            if (again)
            {
                SendSafe(CycleKind.Shutdown, MonotonicClock.NowNanoseconds);
            }
            throw new ControlLoopException(text, e);
        }
        _robotName = hello.RobotName;
        _hellos++;
        _resetPending = true;
        // The answer that tells the robot a runtime took it on: it starts sending sensor frames.
        int length = new Heartbeat((ulong)_hellos, MonotonicClock.NowNanoseconds).Write(_outgoing);
        _robot.Send(_outgoing.AsSpan(0, length));
        _events.RobotAccepted(hello, again);
    }

    private (ControlStop, string) Cycles(CancellationToken cancel)
    {
        long now = MonotonicClock.NowNanoseconds;
        long lastSensor = now;
        bool tripped = false;
        // The watchdog counts from the first readable sensor frame, not from the Hello: a robot that takes its time
        // to start streaming, or line noise before its first frame, is not a sensor that went stale (nothing has
        // been commanded yet, so there is nothing to make safe).
        bool armed = false;
        var deadlines = new PeriodicDeadlines(now, _periodNanoseconds);
        while (true)
        {
            if (cancel.IsCancellationRequested)
            {
                SendSafe(CycleKind.Shutdown, MonotonicClock.NowNanoseconds);
                return (ControlStop.Cancelled, "stopped (Ctrl-C); the safe action was sent");
            }
            if (_options.MaxCycles > 0 && _policyCycles >= _options.MaxCycles)
            {
                SendSafe(CycleKind.Shutdown, MonotonicClock.NowNanoseconds);
                return (ControlStop.CyclesDone, $"{_policyCycles} cycles done; the safe action was sent");
            }
            if (_robot.TryReceive(_message, WaitFor(deadlines.CurrentNanoseconds, lastSensor), out int length))
            {
                now = MonotonicClock.NowNanoseconds;
                ReadOnlySpan<byte> message = _message.AsSpan(0, length);
                switch (MessageEnvelope.TryPeekType(message))
                {
                    case MessageType.SensorFrame:
                        if (!TryReadSensorFrame(message, out SensorFrame frame))
                        {
                            break;
                        }
                        long decoded = MonotonicClock.NowNanoseconds;
                        if (tripped)
                        {
                            tripped = false;
                            _resetPending = true;
                            _events.SensorsBack(TimeSpan.FromTicks((now - lastSensor) / 100));
                        }
                        lastSensor = now;
                        armed = true;
                        Act(frame, now, decoded);
                        deadlines.Advance(MonotonicClock.NowNanoseconds);
                        break;
                    case MessageType.Hello:
                        Accept(Hello.Read(message), again: true);
                        break;
                    case MessageType.EStop:
                        SendSafe(CycleKind.EStop, now, ActionMode.Safe);
                        var estop = EStop.Read(message);
                        _events.EStopReceived(estop);
                        return (ControlStop.EStop, $"EStop from the robot (reason {estop.Reason}{(estop.Text is { } t ? $": {t}" : "")}); the safe state was commanded");
                    case MessageType.Fault:
                        _events.FaultReceived(Fault.Read(message));
                        break;
                    case MessageType.Goodbye:
                        SendSafe(CycleKind.Shutdown, now);
                        var goodbye = Goodbye.Read(message);
                        return (ControlStop.RobotEnded, $"the robot ended the session (reason {goodbye.Reason}{(goodbye.Text is { } why ? $": {why}" : "")}); the safe action was sent");
                    case null:
                        _robot.Statistics.RecordDrop(DropReason.Malformed);
                        break;
                }
                continue;
            }
            now = MonotonicClock.NowNanoseconds;
            if (now < deadlines.CurrentNanoseconds)
            {
                // The wait ended early (a message not for this loop, or a coarse timer): the cycle is not over yet.
                continue;
            }
            if (armed && now - lastSensor > _sensorTimeoutNanoseconds)
            {
                if (!tripped)
                {
                    tripped = true;
                    _watchdogTrips++;
                    var silence = TimeSpan.FromTicks((now - lastSensor) / 100);
                    _events.WatchdogTripped(silence);
                    TrySend(new Fault(2, $"no sensor frame for {silence.TotalMilliseconds:0} ms (timeout {_sensorTimeoutNanoseconds / 1e6:0} ms): sending the safe action"));
                }
                SendSafe(CycleKind.Watchdog, now);
            }
            deadlines.Advance(now);
        }
    }

    /// <summary>
    /// How long this receive may wait: until the cycle's deadline, or, when spinning, until the spin window around
    /// the next frame's expected arrival opens, and not at all inside it.
    /// </summary>
    private TimeSpan WaitFor(long deadline, long lastSensor)
    {
        long now = MonotonicClock.NowNanoseconds;
        long until = deadline;
        if (_spinNanoseconds > 0 && _policyCycles > 0)
        {
            long expected = lastSensor + _periodNanoseconds;
            if (now >= expected - _spinNanoseconds && now <= expected + _spinNanoseconds)
            {
                return TimeSpan.Zero;
            }
            if (now < expected - _spinNanoseconds)
            {
                until = Math.Min(deadline, expected - _spinNanoseconds);
            }
        }
        return TimeSpan.FromTicks(Math.Max(0, until - now) / 100);
    }

    private bool TryReadSensorFrame(ReadOnlySpan<byte> message, out SensorFrame frame)
    {
        try
        {
            frame = SensorFrame.Read(message, _frame);
        }
        catch (FormatException)
        {
            _robot.Statistics.RecordDrop(DropReason.Malformed);
            frame = default;
            return false;
        }
        if (frame.Values.Length != _policy.FrameDim)
        {
            _robot.Statistics.RecordDrop(DropReason.Malformed);
            return false;
        }
        return true;
    }

    private void Act(SensorFrame frame, long received, long decoded)
    {
        CycleRecord record = _ring.TryBeginWrite() ?? _unrecorded;
        record.HistoryReset = _resetPending;
        if (_resetPending)
        {
            _policy.Reset();
            _safety.Restart();
            _resetPending = false;
        }
        long inferenceStart = MonotonicClock.NowNanoseconds;
        _policy.Step(frame.Values, _policyOutput);
        long inferenceEnd = MonotonicClock.NowNanoseconds;
        _lastSequence = frame.Sequence;
        _policyCycles++;

        ActionMode mode;
        int count;
        CycleKind kind;
        if (_safety.Apply(_policyOutput, _targets, out SafetyEvents safety))
        {
            (mode, count, kind) = (ActionMode.Normal, _targets.Length, CycleKind.Policy);
        }
        else
        {
            (mode, count) = SafeCommand(_options.SafeAction);
            kind = CycleKind.BadOutput;
            _events.BadOutput(_cycle);
        }
        long sent = Send(frame.Sequence, received, mode, count, out long encoded);

        record.Cycle = _cycle++;
        record.Kind = kind;
        record.Sequence = frame.Sequence;
        record.RobotTimeNanoseconds = frame.RobotTimeNanoseconds;
        record.ReceivedNanoseconds = received;
        record.DecodeNanoseconds = decoded - received;
        record.InferenceNanoseconds = inferenceEnd - inferenceStart;
        record.EncodeNanoseconds = encoded - inferenceEnd;
        record.SendNanoseconds = sent - encoded;
        record.SentNanoseconds = sent;
        record.Mode = mode;
        record.Safety = safety;
        record.HasPolicyStep = true;
        frame.Values.CopyTo(record.Observation);
        _policyOutput.CopyTo(record.PolicyOutput, 0);
        _targets.AsSpan(0, count).CopyTo(record.Targets);
        record.TargetCount = count;
        if (!ReferenceEquals(record, _unrecorded))
        {
            _ring.EndWrite();
        }
    }

    /// <summary>The configured safe action, or <paramref name="mode"/>; hold sends the last targets (or the default
    /// pose), and with nothing to hold falls back to damping.</summary>
    private void SendSafe(CycleKind kind, long now, ActionMode? mode = null)
    {
        (ActionMode safeMode, int count) = SafeCommand(mode ?? _options.SafeAction);
        long sent = Send(_lastSequence, now, safeMode, count, out long encoded);
        CycleRecord record = _ring.TryBeginWrite() ?? _unrecorded;
        record.Cycle = _cycle++;
        record.Kind = kind;
        record.Sequence = _lastSequence;
        record.RobotTimeNanoseconds = 0;
        record.ReceivedNanoseconds = now;
        record.DecodeNanoseconds = 0;
        record.InferenceNanoseconds = 0;
        record.EncodeNanoseconds = encoded - now;
        record.SendNanoseconds = sent - encoded;
        record.SentNanoseconds = sent;
        record.Mode = safeMode;
        record.Safety = SafetyEvents.None;
        record.HistoryReset = false;
        record.HasPolicyStep = false;
        _targets.AsSpan(0, count).CopyTo(record.Targets);
        record.TargetCount = count;
        if (!ReferenceEquals(record, _unrecorded))
        {
            _ring.EndWrite();
        }
    }

    private (ActionMode Mode, int Count) SafeCommand(ActionMode mode)
    {
        if (mode == ActionMode.Hold)
        {
            if (!_safety.HasHoldTargets)
            {
                return (ActionMode.Damping, 0);
            }
            _safety.LastTargets.CopyTo(_targets);
            return (ActionMode.Hold, _targets.Length);
        }
        return (mode, 0);
    }

    /// <summary>Writes and sends an action frame; returns when the send returned, with when the frame was written.</summary>
    private long Send(ulong sequence, long received, ActionMode mode, int count, out long encoded)
    {
        // tx_ns on the wire is the moment the frame is written: the last time the runtime can put in it.
        int length = new ActionFrame(sequence, received, MonotonicClock.NowNanoseconds, mode, _targets.AsSpan(0, count)).Write(_outgoing);
        encoded = MonotonicClock.NowNanoseconds;
        _robot.Send(_outgoing.AsSpan(0, length));
        return MonotonicClock.NowNanoseconds;
    }

    private void TrySend(Fault fault)
    {
        try
        {
            var buffer = new byte[fault.MaxLength];
            int length = fault.Write(buffer);
            _robot.Send(buffer.AsSpan(0, length));
        }
        catch (Exception e) when (e is TransportException or ArgumentException)
        {
            _events.Warning($"could not tell the robot: {fault.Text} ({e.Message})");
        }
    }
}
