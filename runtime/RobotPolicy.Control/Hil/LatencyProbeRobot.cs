using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Plant;
using RobotPolicy.Bridge.Timing;
using RobotPolicy.Bridge.Transports;

namespace RobotPolicy.Control.Hil;

/// <summary>
/// The robot's side of a latency benchmark: says Hello as the bundle's robot (at the benchmark's rate), then sends a
/// sensor frame on every absolute deadline, sleeping between them with the kernel's high-resolution timer, and
/// times each frame's action from the frame's own timestamp to its arrival. Latencies are recorded with
/// coordinated-omission correction (a frame delayed by a stall also stands for the frames the stall kept from
/// being measured on time). The observation values move (slow sinusoids), so the policy does real work; or, with a
/// plant (<see cref="IRobotPlant"/>), they are the states a simulated robot reaches under the actions it gets: the
/// plant steps at each deadline before the frame is stamped, as a robot reads its sensors before it sends them, so
/// the physics' time is in the robot's wake-ups, not in the latency. Nothing is allocated per cycle.
/// </summary>
public sealed class LatencyProbeRobot
{
    private const int SendTimeSlots = 4096;
    private readonly Hello _hello;
    private readonly IMessageTransport _link;
    private readonly long _periodNanoseconds;
    private readonly float[] _values;
    private readonly float[] _targets = new float[4096];
    private readonly long[] _sentAt = new long[SendTimeSlots];
    private readonly byte[] _message;

    private readonly long _spinNanoseconds;
    private readonly IRobotPlant? _plant;

    /// <param name="spinMicroseconds">After sending a frame, poll for its action this long before sleeping (0: sleep at once).</param>
    /// <param name="plant">The physics whose states the frames carry; null: slow sinusoids.</param>
    public LatencyProbeRobot(Hello hello, IMessageTransport link, int spinMicroseconds = 0, IRobotPlant? plant = null)
    {
        _plant = plant;
        _spinNanoseconds = Math.Max(0, spinMicroseconds) * 1000L;
        _hello = hello ?? throw new ArgumentNullException(nameof(hello));
        _link = link ?? throw new ArgumentNullException(nameof(link));
        _periodNanoseconds = hello.ControlPeriodNanoseconds;
        _values = new float[hello.SensorValueCount];
        _message = new byte[Math.Min(link.MaxMessageLength, 1 << 16)];
    }

    public ProbeResult Result { get; } = new();

    /// <summary>Runs until <paramref name="duration"/> of measured cycles have passed or <paramref name="cancel"/> fires.</summary>
    public void Run(TimeSpan duration, CancellationToken cancel)
    {
        Connect(cancel);
        long start = MonotonicClock.NowNanoseconds + _periodNanoseconds;
        long end = start + (long)(duration.TotalSeconds * 1e9);
        var deadlines = new PeriodicDeadlines(start - _periodNanoseconds, _periodNanoseconds);
        ulong sequence = 0;
        bool answered = true;
        long windowEnd = start + 100_000_000;
        double windowLatency = 0, windowWake = 0;
        while (!cancel.IsCancellationRequested)
        {
            long deadline = deadlines.CurrentNanoseconds;
            // Until the deadline: take the action for the last frame (usually within microseconds), then sleep.
            while (true)
            {
                long left = deadline - MonotonicClock.NowNanoseconds;
                if (left <= 0)
                {
                    break;
                }
                if (answered)
                {
                    MonotonicSleep.Until(deadline);
                    break;
                }
                bool spinning = MonotonicClock.NowNanoseconds - _sentAt[(sequence - 1) % SendTimeSlots] < _spinNanoseconds;
                if (_link.TryReceive(_message, spinning ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(1, left / 100)), out int length))
                {
                    answered |= TakeAction(_message.AsSpan(0, length), sequence - 1, ref windowLatency);
                }
            }
            long now = MonotonicClock.NowNanoseconds;
            long wake = now - deadline;
            if (now >= end)
            {
                break;
            }
            Result.WakeLateness.RecordWithExpectedInterval(Math.Max(0, wake), _periodNanoseconds);
            windowWake = Math.Max(windowWake, wake / 1e3);
            long skippedBefore = deadlines.Skipped;

            SendFrame(sequence);
            sequence++;
            answered = false;
            deadlines.Advance(MonotonicClock.NowNanoseconds);
            Result.DeadlineMisses += deadlines.Skipped - skippedBefore;
            if (now >= windowEnd)
            {
                Result.Timeline.Add(((windowEnd - start) / 1e9, windowLatency, windowWake));
                windowEnd += 100_000_000;
                windowLatency = windowWake = 0;
            }
        }
        // Late answers still in flight are counted as late when they arrive, so drain a little.
        while (_link.TryReceive(_message, TimeSpan.FromMilliseconds(20), out int length))
        {
            TakeAction(_message.AsSpan(0, length), sequence - 1, ref windowLatency);
        }
        // An action is on time, late, or never came.
        Result.Missing = Result.FramesSent - Result.OnTime - Result.Late;
    }

    private void Connect(CancellationToken cancel)
    {
        byte[] hello = _hello.ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!cancel.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            _link.Send(hello);
            if (_link.TryReceive(_message, TimeSpan.FromMilliseconds(100), out int length)
                && MessageEnvelope.PeekType(_message.AsSpan(0, length)) == MessageType.Heartbeat)
            {
                return;
            }
        }
        throw new TimeoutException($"no runtime answered the probe robot's Hello on {_link.Description} within 30 s");
    }

    private void SendFrame(ulong sequence)
    {
        if (_plant is null)
        {
            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = 0.3f * MathF.Sin(sequence * 0.01f + i);
            }
        }
        else
        {
            _plant.Advance(_values);
        }
        long now = MonotonicClock.NowNanoseconds;
        _sentAt[sequence % SendTimeSlots] = now;
        int length = new SensorFrame(sequence, now, _values).Write(_message);
        _link.Send(_message.AsSpan(0, length));
        Result.FramesSent++;
    }

    // True when this is the awaited frame's action.
    private bool TakeAction(ReadOnlySpan<byte> message, ulong awaited, ref double windowLatency)
    {
        long arrived = MonotonicClock.NowNanoseconds;
        if (MessageEnvelope.PeekType(message) != MessageType.ActionFrame)
        {
            return false;
        }
        var frame = ActionFrame.Read(message, _targets);
        if (frame.Mode != ActionMode.Normal || frame.SensorSequence > awaited || awaited - frame.SensorSequence >= SendTimeSlots)
        {
            return false;
        }
        long latency = arrived - _sentAt[frame.SensorSequence % SendTimeSlots];
        Result.Latency.RecordWithExpectedInterval(latency, _periodNanoseconds);
        windowLatency = Math.Max(windowLatency, latency / 1e3);
        if (frame.SensorSequence == awaited)
        {
            _plant?.Command(frame.Targets);
            Result.OnTime++;
            return true;
        }
        Result.Late++;
        return false;
    }
}
