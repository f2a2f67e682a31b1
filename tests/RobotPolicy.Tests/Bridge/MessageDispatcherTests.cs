using RobotPolicy.Bridge.Wire;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Transports;

namespace RobotPolicy.Tests.Bridge;

/// <summary>The receive loop's step: each message to its handler method; what cannot be read counted, dropped, and the loop goes on.</summary>
public class MessageDispatcherTests
{
    private sealed class Recorder : IMessageHandler
    {
        public List<string> Seen { get; } = [];

        public void OnHello(Hello hello) => Seen.Add($"hello {hello.RobotName}");

        public void OnSensorFrame(SensorFrame frame) => Seen.Add($"sensor {frame.Sequence} [{string.Join(", ", frame.Values.ToArray())}]");

        public void OnActionFrame(ActionFrame frame) => Seen.Add($"action {frame.SensorSequence} {frame.Mode} [{string.Join(", ", frame.Targets.ToArray())}]");

        public void OnHeartbeat(Heartbeat heartbeat) => Seen.Add($"heartbeat {heartbeat.Sequence}");

        public void OnEStop(EStop estop) => Seen.Add($"estop {estop.Reason} {estop.Text}");

        public void OnFault(Fault fault) => Seen.Add($"fault {fault.Code} {fault.Text}");
    }

    private sealed class SensorOnly : IMessageHandler
    {
        public int Frames { get; private set; }

        public void OnSensorFrame(SensorFrame frame) => Frames++;
    }

    private static void Send(IMessageTransport transport, int maxLength, WireMessage.WriteMessage write) =>
        transport.Send(WireMessage.Encode(maxLength, write));

    [Fact]
    public void Each_message_reaches_its_handler_method()
    {
        var (robot, runtime) = InProcessTransport.CreatePair();
        using (robot)
        using (runtime)
        {
            robot.Send(TransportPairs.ExampleHello.ToArray());
            Send(robot, SensorFrame.MaxLength(3), b => new SensorFrame(1, 10, [1f, 2f, 3f]).Write(b));
            Send(robot, ActionFrame.MaxLength(2), b => new ActionFrame(1, 11, 12, ActionMode.Hold, [0.5f, -0.5f]).Write(b));
            Send(robot, Heartbeat.MaxLength, new Heartbeat(4, 40).Write);
            Send(robot, new EStop(2, "button").MaxLength, new EStop(2, "button").Write);
            Send(robot, new Fault(7, "driver").MaxLength, new Fault(7, "driver").Write);

            var dispatcher = new MessageDispatcher(runtime, maxValues: 16);
            var recorder = new Recorder();
            while (dispatcher.TryDispatch(recorder, TimeSpan.Zero))
            {
            }

            Assert.Equal(
                ["hello test-robot", "sensor 1 [1, 2, 3]", "action 1 Hold [0.5, -0.5]", "heartbeat 4", "estop 2 button", "fault 7 driver"],
                recorder.Seen);
            Assert.Null(dispatcher.LastError);
        }
    }

    [Fact]
    public void Messages_that_cannot_be_read_are_counted_by_reason_and_the_next_good_one_still_arrives()
    {
        var (robot, runtime) = InProcessTransport.CreatePair();
        using (robot)
        using (runtime)
        {
            robot.Send(WireMessage.Map(("v", 1), ("t", "calibrate")));                          // unknown type
            robot.Send(WireMessage.Map(("v", 3), ("t", "sensor")));                             // newer version
            robot.Send([0xc1, 0x00]);                                                            // not MessagePack
            robot.Send(WireMessage.Map(("v", 1), ("t", "sensor"), ("seq", 1)));                 // missing fields
            robot.Send(WireMessage.Map(("v", 1), ("t", "sensor"), ("seq", 1), ("ts_ns", 1), ("values", new float[17]))); // too many values
            Send(robot, SensorFrame.MaxLength(2), b => new SensorFrame(9, 90, [4f, 5f]).Write(b));

            var dispatcher = new MessageDispatcher(runtime, maxValues: 16);
            var recorder = new Recorder();
            Assert.True(dispatcher.TryDispatch(recorder, TransportPairs.Patience));

            Assert.Equal(["sensor 9 [4, 5]"], recorder.Seen);
            TransportStatistics statistics = runtime.Statistics;
            Assert.Equal(1, statistics.Drops(DropReason.UnknownMessageType));
            Assert.Equal(1, statistics.Drops(DropReason.NewerProtocolVersion));
            Assert.Equal(3, statistics.Drops(DropReason.Malformed));
            Assert.Equal("a 'sensor' message with 17 'values'; the receiver holds 16", dispatcher.LastError!.Message);
            Assert.Equal("sent 0, received 6, dropped 5 (Malformed 3, UnknownMessageType 1, NewerProtocolVersion 1)", statistics.ToString());
            Assert.False(dispatcher.TryDispatch(recorder, TimeSpan.Zero));
        }
    }

    [Fact]
    public void A_handler_needs_only_the_messages_it_cares_about_and_its_exceptions_propagate()
    {
        var (robot, runtime) = InProcessTransport.CreatePair();
        using (robot)
        using (runtime)
        {
            Send(robot, Heartbeat.MaxLength, new Heartbeat(1, 1).Write);
            Send(robot, SensorFrame.MaxLength(1), b => new SensorFrame(1, 1, [1f]).Write(b));
            var dispatcher = new MessageDispatcher(runtime, maxValues: 1);
            var handler = new SensorOnly();
            Assert.True(dispatcher.TryDispatch(handler, TimeSpan.Zero));
            Assert.True(dispatcher.TryDispatch(handler, TimeSpan.Zero));
            Assert.Equal(1, handler.Frames);

            robot.Send(TransportPairs.ExampleHello.ToArray());
            var refusing = new RefusesHello();
            Assert.Throws<InvalidOperationException>(() => dispatcher.TryDispatch(refusing, TimeSpan.Zero));
            Assert.Equal(0, runtime.Statistics.TotalDrops);
        }
    }

    private sealed class RefusesHello : IMessageHandler
    {
        public void OnHello(Hello hello) => throw new InvalidOperationException("the robot does not match");
    }

    [Fact]
    public void A_MessagePack_format_error_is_kept_for_the_log()
    {
        var (robot, runtime) = InProcessTransport.CreatePair();
        using (robot)
        using (runtime)
        {
            robot.Send(WireMessage.Map(("v", 1), ("t", "heartbeat"), ("seq", "x"), ("ts_ns", 1)));
            var dispatcher = new MessageDispatcher(runtime, maxValues: 1);
            Assert.False(dispatcher.TryDispatch(new Recorder(), TimeSpan.Zero));
            Assert.IsType<MessagePackFormatException>(dispatcher.LastError);
            Assert.Equal(1, runtime.Statistics.Drops(DropReason.Malformed));
        }
    }
}
