using System.Diagnostics;
using RobotPolicy.Bridge.Transports;

namespace RobotPolicy.Tests.Bridge;

public class InProcessTransportTests
{
    [Fact]
    public void Messages_go_both_ways_whole_and_in_order()
    {
        var (runtime, robot) = InProcessTransport.CreatePair();
        using (runtime)
        using (robot)
        {
            TransportPairs.SayHello(runtime, robot);
            TransportPairs.ExchangeBothWays(runtime, robot);
            Assert.Equal(6, robot.Statistics.MessagesSent);
            Assert.Equal(6, runtime.Statistics.MessagesReceived);
            Assert.Equal(5, runtime.Statistics.MessagesSent);
            Assert.Equal(5, robot.Statistics.MessagesReceived);
            Assert.Equal(0, runtime.Statistics.TotalDrops + robot.Statistics.TotalDrops);
        }
    }

    [Fact]
    public void A_receive_with_nothing_queued_returns_false_after_its_timeout()
    {
        var (a, b) = InProcessTransport.CreatePair();
        using (a)
        using (b)
        {
            var buffer = new byte[16];
            Assert.False(a.TryReceive(buffer, TimeSpan.Zero, out int length));
            Assert.Equal(0, length);
            var clock = Stopwatch.StartNew();
            Assert.False(a.TryReceive(buffer, TimeSpan.FromMilliseconds(50), out _));
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(45), TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task A_waiting_receiver_on_another_thread_wakes_when_a_message_arrives()
    {
        var (a, b) = InProcessTransport.CreatePair();
        using (a)
        using (b)
        {
            var receiver = Task.Run(() =>
            {
                var buffer = new byte[16];
                return b.TryReceive(buffer, Timeout.InfiniteTimeSpan, out int length) ? buffer[..length] : null;
            });
            await Task.Delay(20);
            a.Send([1, 2, 3]);
            Assert.Equal([1, 2, 3], await receiver.WaitAsync(TransportPairs.Patience));
        }
    }

    [Fact]
    public void A_full_ring_drops_new_messages_and_the_receiver_counts_them()
    {
        var (a, b) = InProcessTransport.CreatePair(maxMessageLength: 8, capacity: 4);
        using (a)
        using (b)
        {
            for (byte i = 0; i < 6; i++)
            {
                a.Send([i]);
            }
            var buffer = new byte[8];
            var received = new List<byte>();
            while (b.TryReceive(buffer, TimeSpan.Zero, out int length))
            {
                received.Add(buffer[length - 1]);
            }
            Assert.Equal([0, 1, 2, 3], received);
            Assert.Equal(6, a.Statistics.MessagesSent);
            Assert.Equal(2, b.Statistics.Drops(DropReason.QueueFull));
        }
    }

    [Fact]
    public void A_message_longer_than_the_receivers_buffer_is_dropped_and_the_next_delivered()
    {
        var (a, b) = InProcessTransport.CreatePair(maxMessageLength: 64);
        using (a)
        using (b)
        {
            a.Send(new byte[40]);
            a.Send([7]);
            var small = new byte[16];
            Assert.True(b.TryReceive(small, TimeSpan.Zero, out int length));
            Assert.Equal(1, length);
            Assert.Equal(1, b.Statistics.Drops(DropReason.Oversized));
            Assert.Throws<ArgumentException>(() => a.Send(new byte[65]));
        }
    }

    [Fact]
    public void Sending_to_a_closed_endpoint_fails_and_a_closed_endpoint_refuses_use()
    {
        var (a, b) = InProcessTransport.CreatePair();
        b.Dispose();
        Assert.Contains("the other endpoint is closed", Assert.Throws<TransportException>(() => a.Send([1])).Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => b.TryReceive(new byte[4], TimeSpan.Zero, out _));
        a.Dispose();
    }
}
