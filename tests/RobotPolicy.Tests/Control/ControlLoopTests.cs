using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Control.Loop;
using RobotPolicy.Control.Safety;
using RobotPolicy.Control.Telemetry;
using RobotPolicy.Runtime.Session;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Control;

/// <summary>The control loop against a test-played robot over an in-process link, with the example bundle under ONNX Runtime.</summary>
[Collection(TimingSensitive.Name)]
public class ControlLoopTests
{
    private static float[] Frame(int dim, ulong sequence) =>
        [.. Enumerable.Range(0, dim).Select(i => MathF.Sin(sequence * 0.1f + i))];

    private static (ControlLoopThread Loop, RobotEnd Robot, CancellationTokenSource Stop) Start(
        IControlPolicy policy, ControlOptions options, string? bundleName = null)
    {
        var (runtime, robot) = InProcessTransport.CreatePair();
        var stop = new CancellationTokenSource();
        var loop = new ControlLoop(policy, runtime, options, bundleName: bundleName);
        return (ControlLoopThread.Start(loop, stop.Token, "test control loop"), new RobotEnd(robot), stop);
    }

    [Fact]
    public void Every_sensor_frame_is_answered_with_the_policys_action_through_the_safety_layer_and_a_stop_sends_the_safe_action()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        using var reference = PolicySession.Open(Bundles.Example.Path);
        var metadata = session.Metadata;
        var expectedFilter = new SafetyFilter(metadata.Action, metadata.Control.PeriodSeconds, 1.0);
        var (loop, robot, stop) = Start(new SessionPolicy(session), new ControlOptions());
        robot.Send(RobotEnd.MatchingHello(metadata));
        robot.NextOf(MessageType.Heartbeat);
        var raw = new float[reference.ActionDim];
        var expected = new float[reference.ActionDim];
        for (ulong seq = 100; seq < 160; seq++)
        {
            float[] frame = Frame(reference.FrameDim, seq);
            robot.SendSensors(seq, frame);
            var (echo, mode, targets) = robot.ReadAction(robot.NextOf(MessageType.ActionFrame));
            reference.Step(frame, raw);
            expectedFilter.Apply(raw, expected, out _);
            Assert.Equal(seq, echo);
            Assert.Equal(ActionMode.Normal, mode);
            Assert.Equal(expected, targets);
        }
        stop.Cancel();
        var last = robot.ReadAction(robot.NextOf(MessageType.ActionFrame));
        Assert.Equal(ActionMode.Damping, last.Mode);
        Assert.Empty(last.Targets);
        ControlResult result = loop.Join(TimeSpan.FromSeconds(30));
        Assert.Equal(ControlStop.Cancelled, result.Stop);
        Assert.Equal(60, result.Total.PolicyCycles);
        Assert.True(result.Total.SoftStartCycles > 0); // the example has a default pose: 1 s of ramp
    }

    [Fact]
    public void A_robot_that_does_not_match_the_bundle_is_refused_with_the_first_mismatch_named_to_both_sides()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        var good = RobotEnd.MatchingHello(session.Metadata);
        var joints = good.JointNames.ToArray();
        (joints[2], joints[3]) = (joints[3], joints[2]);
        var (loop, robot, _) = Start(new SessionPolicy(session), new ControlOptions(), "example.onnx");
        robot.Send(new Hello("swapped-legs", joints, good.SensorTerms, good.ControlPeriodNanoseconds));
        var fault = Fault.Read(robot.NextOf(MessageType.Fault));
        var error = Assert.ThrowsAny<Exception>(() => loop.Join(TimeSpan.FromSeconds(30)));
        var refusal = Assert.IsType<ControlLoopException>(error);
        Assert.Contains($"joint 2 is '{joints[2]}'; the policy expects '{joints[3]}'", refusal.Message);
        Assert.Contains("robot 'swapped-legs' does not match example.onnx", refusal.Message);
        Assert.Equal(refusal.Message, fault.Text);
    }

    [Fact]
    public void No_hello_within_the_timeout_says_what_to_check()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        var (loop, _, _) = Start(new SessionPolicy(session), new ControlOptions { HelloTimeout = TimeSpan.FromMilliseconds(200) });
        var error = Assert.IsType<ControlLoopException>(Assert.ThrowsAny<Exception>(() => loop.Join(TimeSpan.FromSeconds(30))));
        Assert.Contains("no Hello from the robot on in-process endpoint A within 0.2 s", error.Message);
    }

    [Fact]
    public void Stale_sensors_trip_the_watchdog_once_the_timeout_has_passed_and_frames_coming_back_resume_the_policy()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        var timeout = TimeSpan.FromMilliseconds(100);
        using var dir = new TemporaryDirectory();
        string log = Path.Combine(dir.Path, "run.tlm");
        var (loop, robot, stop) = Start(new SessionPolicy(session), new ControlOptions { SensorTimeout = timeout, TelemetryPath = log, SafeAction = ActionMode.Hold });
        robot.Send(RobotEnd.MatchingHello(session.Metadata));
        robot.NextOf(MessageType.Heartbeat);
        float[] frame = Frame(session.FrameDim, 0);
        for (ulong seq = 0; seq < 10; seq++)
        {
            robot.SendSensors(seq, frame);
            robot.NextOf(MessageType.ActionFrame);
        }
        // The robot falls silent: a fault, then the safe action (hold: the last targets) every cycle.
        var fault = Fault.Read(robot.NextOf(MessageType.Fault));
        Assert.Contains("no sensor frame for", fault.Text);
        for (int i = 0; i < 3; i++)
        {
            var (echo, mode, targets) = robot.ReadAction(robot.NextOf(MessageType.ActionFrame));
            Assert.Equal(9ul, echo);
            Assert.Equal(ActionMode.Hold, mode);
            Assert.Equal(session.ActionDim, targets.Length);
        }
        robot.SendSensors(10, frame);
        var resumed = robot.ReadAction(robot.NextOf(MessageType.ActionFrame));
        while (resumed.Mode != ActionMode.Normal)
        {
            resumed = robot.ReadAction(robot.NextOf(MessageType.ActionFrame));
        }
        Assert.Equal(10ul, resumed.Sequence);
        stop.Cancel();
        ControlResult result = loop.Join(TimeSpan.FromSeconds(30));
        Assert.Equal(1, result.WatchdogTrips);

        var cycles = TelemetryLog.Read(log).Cycles;
        var lastBefore = cycles.Last(c => c.Kind == CycleKind.Policy && c.Sequence == 9);
        var firstSafe = cycles.First(c => c.Kind == CycleKind.Watchdog);
        double tripMs = (firstSafe.SentNanoseconds - lastBefore.ReceivedNanoseconds) / 1e6;
        // Never before the timeout; after it, by at most one control period (20 ms) plus scheduling slack.
        Assert.True(tripMs >= timeout.TotalMilliseconds && tripMs <= timeout.TotalMilliseconds + 20 + 60,
            string.Join("; ", cycles.Select(c => $"{c.Kind} {c.Sequence} rx {(c.ReceivedNanoseconds - lastBefore.ReceivedNanoseconds) / 1e6:0.0} tx {(c.SentNanoseconds - lastBefore.ReceivedNanoseconds) / 1e6:0.0}")));
        var back = cycles.First(c => c.Kind == CycleKind.Policy && c.Sequence == 10);
        Assert.True(back.HistoryReset);
    }

    [Fact]
    public void Line_noise_before_the_first_sensor_frame_does_not_trip_the_watchdog()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        var (loop, robot, stop) = Start(new SessionPolicy(session), new ControlOptions { SensorTimeout = TimeSpan.FromMilliseconds(100) });
        robot.Send(RobotEnd.MatchingHello(session.Metadata));
        robot.NextOf(MessageType.Heartbeat);
        // Three timeouts' worth of garbage before the robot's first frame.
        var noise = new Random(5);
        var deadline = DateTime.UtcNow.AddMilliseconds(300);
        while (DateTime.UtcNow < deadline)
        {
            var junk = new byte[noise.Next(1, 32)];
            noise.NextBytes(junk);
            robot.Transport.Send(junk);
            Thread.Sleep(10);
        }
        float[] frame = Frame(session.FrameDim, 0);
        robot.SendSensors(0, frame);
        var (echo, mode, _) = robot.ReadAction(robot.NextOf(MessageType.ActionFrame));
        Assert.Equal((0ul, ActionMode.Normal), (echo, mode));
        stop.Cancel();
        ControlResult result = loop.Join(TimeSpan.FromSeconds(30));
        Assert.Equal(0, result.WatchdogTrips);
    }

    [Fact]
    public void A_robots_goodbye_is_answered_with_the_safe_action_and_ends_the_run_normally()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        var (loop, robot, _) = Start(new SessionPolicy(session), new ControlOptions { SafeAction = ActionMode.Damping });
        robot.Send(RobotEnd.MatchingHello(session.Metadata));
        robot.NextOf(MessageType.Heartbeat);
        robot.SendSensors(0, Frame(session.FrameDim, 0));
        robot.NextOf(MessageType.ActionFrame);
        robot.Send(new Goodbye(0, "4 episodes done"));
        var (_, mode, _) = robot.ReadAction(robot.NextOf(MessageType.ActionFrame));
        Assert.Equal(ActionMode.Damping, mode);
        ControlResult result = loop.Join(TimeSpan.FromSeconds(30));
        Assert.Equal(ControlStop.RobotEnded, result.Stop);
        Assert.Equal("the robot ended the session (reason 0: 4 episodes done); the safe action was sent", result.Detail);
        Assert.Equal(0, result.WatchdogTrips);
    }

    [Fact]
    public void An_estop_is_answered_with_the_safe_state_at_once_and_ends_the_run()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        using var dir = new TemporaryDirectory();
        string log = Path.Combine(dir.Path, "run.tlm");
        var (loop, robot, _) = Start(new SessionPolicy(session), new ControlOptions { TelemetryPath = log });
        robot.Send(RobotEnd.MatchingHello(session.Metadata));
        robot.NextOf(MessageType.Heartbeat);
        robot.SendSensors(0, Frame(session.FrameDim, 0));
        robot.NextOf(MessageType.ActionFrame);
        robot.Send(new EStop(7, "operator pressed the button"));
        var (_, mode, _) = robot.ReadAction(robot.NextOf(MessageType.ActionFrame));
        Assert.Equal(ActionMode.Safe, mode);
        ControlResult result = loop.Join(TimeSpan.FromSeconds(30));
        Assert.Equal(ControlStop.EStop, result.Stop);
        Assert.Contains("operator pressed the button", result.Detail);
        var estop = TelemetryLog.Read(log).Cycles.Single(c => c.Kind == CycleKind.EStop);
        // Answered on arrival, not at the next deadline: well inside one 20 ms cycle.
        Assert.InRange((estop.SentNanoseconds - estop.ReceivedNanoseconds) / 1e6, 0, 20);
    }

    [Fact]
    public void A_non_finite_policy_output_is_never_sent_the_safe_action_goes_instead()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        var policy = new ScriptedPolicy(session.Metadata, (step, _, actions) => actions.Fill(step >= 25 ? float.NaN : 0.1f));
        var (loop, robot, stop) = Start(policy, new ControlOptions());
        robot.Send(RobotEnd.MatchingHello(session.Metadata));
        robot.NextOf(MessageType.Heartbeat);
        float[] frame = Frame(session.FrameDim, 0);
        var modes = new List<ActionMode>();
        for (ulong seq = 0; seq < 10; seq++)
        {
            robot.SendSensors(seq, frame);
            var action = robot.ReadAction(robot.NextOf(MessageType.ActionFrame));
            modes.Add(action.Mode);
            Assert.All(action.Targets, t => Assert.True(float.IsFinite(t)));
        }
        stop.Cancel();
        loop.Join(TimeSpan.FromSeconds(30));
        // 20 warm-up steps, then 5 good ones and NaN from the sixth.
        Assert.Equal([.. Enumerable.Repeat(ActionMode.Normal, 5), .. Enumerable.Repeat(ActionMode.Damping, 5)], modes);
    }

    [Fact]
    public void A_control_cycle_allocates_nothing()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        var probe = new AllocationProbe(new SessionPolicy(session), 2000);
        var (loop, robot, stop) = Start(probe, new ControlOptions { SummaryInterval = TimeSpan.FromMilliseconds(100) });
        robot.Send(RobotEnd.MatchingHello(session.Metadata));
        robot.NextOf(MessageType.Heartbeat);
        float[] frame = Frame(session.FrameDim, 0);
        for (ulong seq = 0; seq < 900; seq++)
        {
            robot.SendSensors(seq, frame);
            robot.NextOf(MessageType.ActionFrame);
        }
        stop.Cancel();
        loop.Join(TimeSpan.FromSeconds(30));
        // Every cycle from one policy step to the next (receive, decode, step, safety, encode, send, telemetry)
        // on the loop's thread; some window of 300 cycles must allocate nothing at all.
        Assert.True(probe.SomeWindowAllocatesNothing(300), $"per-cycle allocations: {string.Join(",", probe.Deltas.Skip(20).Take(60))}");
    }

    [Fact]
    public void A_recorded_run_replays_bit_exact_and_a_changed_output_is_found()
    {
        using var session = PolicySession.Open(Bundles.Example.Path);
        using var dir = new TemporaryDirectory();
        string log = Path.Combine(dir.Path, "run.tlm");
        var (loop, robot, stop) = Start(new SessionPolicy(session), new ControlOptions { TelemetryPath = log });
        var hello = RobotEnd.MatchingHello(session.Metadata);
        robot.Send(hello);
        robot.NextOf(MessageType.Heartbeat);
        for (ulong seq = 0; seq < 80; seq++)
        {
            if (seq == 40)
            {
                // A reset mid-run: the history starts over, and the replay must follow.
                robot.Send(hello);
                robot.NextOf(MessageType.Heartbeat);
            }
            robot.SendSensors(seq, Frame(session.FrameDim, seq));
            robot.NextOf(MessageType.ActionFrame);
        }
        stop.Cancel();
        loop.Join(TimeSpan.FromSeconds(30));

        var telemetry = TelemetryLog.Read(log);
        Assert.Equal(2, telemetry.Cycles.Count(c => c.HistoryReset));
        using var replay = PolicySession.Open(Bundles.Example.Path);
        var check = TelemetryReplay.Check(telemetry, new SessionPolicy(replay));
        Assert.True(check.BitExact, check.FirstMismatch);
        Assert.Equal(80, check.Checked);

        telemetry.Cycles.First(c => c.HasPolicyStep && c.Cycle > 50).PolicyOutput[3] += 1e-6f;
        using var again = PolicySession.Open(Bundles.Example.Path);
        var changed = TelemetryReplay.Check(telemetry, new SessionPolicy(again));
        Assert.False(changed.BitExact);
        Assert.Equal(79, changed.Identical);
        Assert.Contains("action 3", changed.FirstMismatch);
    }
}
