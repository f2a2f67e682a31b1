using RobotPolicy.Bridge.Serial;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Bridge.Serial;

/// <summary>The termios serial port, end to end over socat pseudo-terminal pairs.</summary>
public class SerialDeviceTests
{
    private static byte[] ReadExactly(SerialDevice device, int count)
    {
        var received = new byte[count];
        int done = 0;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (done < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {done} of {count} bytes arrived");
            done += device.Read(received.AsSpan(done), timeoutMs: 200);
        }
        return received;
    }

    [SocatFact]
    public void Bytes_cross_the_link_intact_both_ways_at_any_standard_rate()
    {
        using var cable = new PseudoTerminalPair();
        var data = new byte[64 * 1024];
        new Random(3).NextBytes(data); // every byte value, including the ones a cooked terminal would eat (^C, ^S, CR)
        foreach (int baud in new[] { 115200, 4000000 })
        {
            using var a = SerialDevice.Open(cable.A, baud);
            using var b = SerialDevice.Open(cable.B, baud);
            var writer = Task.Run(() => a.Write(data));
            Assert.Equal(data, ReadExactly(b, data.Length));
            writer.Wait();
            b.Write(data.AsSpan(0, 1000));
            Assert.Equal(data[..1000], ReadExactly(a, 1000));
        }
    }

    [SocatFact]
    public void Any_rate_is_set_and_reads_back_standard_or_not()
    {
        using var cable = new PseudoTerminalPair();
        foreach (int baud in new[] { 250_000, 115_200, 1_000_000, 3_333_333, 2_000_000 })
        {
            using var a = SerialDevice.Open(cable.A, baud);
            Assert.Equal(baud, a.ReadBackBaud());
        }
        // Bytes cross at a rate without a termios constant, as at any other.
        using var x = SerialDevice.Open(cable.A, 250_000);
        using var y = SerialDevice.Open(cable.B, 250_000);
        x.Write("250k"u8);
        Assert.Equal("250k"u8.ToArray(), ReadExactly(y, 4));
    }

    [SocatFact]
    public void A_read_with_nothing_to_read_times_out_with_zero_bytes()
    {
        using var cable = new PseudoTerminalPair();
        using var a = SerialDevice.Open(cable.A);
        var start = DateTime.UtcNow;
        Assert.Equal(0, a.Read(new byte[16], timeoutMs: 50));
        Assert.InRange((DateTime.UtcNow - start).TotalMilliseconds, 30, 5000);
        Assert.Equal(0, a.Read(new byte[16], timeoutMs: 0));
    }

    [SocatFact]
    public void A_pulled_cable_is_reported_not_waited_on()
    {
        var cable = new PseudoTerminalPair();
        using var a = SerialDevice.Open(cable.A);
        cable.PullCable();
        var error = Assert.Throws<SerialDeviceException>(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                a.Read(new byte[16], timeoutMs: 100);
            }
        });
        Assert.Contains("went away", error.Message);
        Assert.True(a.IsClosed);
        Assert.Contains("reopen", Assert.Throws<SerialDeviceException>(() => a.Read(new byte[1], 0)).Message);
        cable.Dispose();
    }

    [SocatFact]
    public void Reading_and_writing_allocate_nothing()
    {
        using var cable = new PseudoTerminalPair();
        using var a = SerialDevice.Open(cable.A);
        using var b = SerialDevice.Open(cable.B);
        var message = new byte[64];
        var buffer = new byte[256];
        void RoundTrip()
        {
            a.Write(message);
            int got = 0;
            while (got < message.Length)
            {
                got += b.Read(buffer.AsSpan(got), 1000);
            }
        }
        for (int i = 0; i < 100; i++)
        {
            RoundTrip();
        }
        // A per-message allocation shows in every window; a one-off one by the runtime (a path first taken on a loaded
        // machine) in one at most: some window of 2,000 round trips must allocate nothing, in three tries.
        var windows = new List<long>();
        do
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2000; i++)
            {
                RoundTrip();
            }
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        while (windows[^1] != 0 && windows.Count < 3);
        Assert.True(windows[^1] == 0, $"bytes allocated per 2,000 round trips: {string.Join(", ", windows)}");
    }

    [Fact]
    public void Missing_devices_non_terminals_and_rates_out_of_range_get_errors_that_say_what_to_do()
    {
        var missing = Assert.Throws<SerialDeviceException>(() => SerialDevice.Open("/dev/ttyNOPE9", 115200));
        Assert.Contains("/dev/ttyNOPE9 does not exist", missing.Message);
        var notTty = Assert.Throws<SerialDeviceException>(() => SerialDevice.Open("/dev/null", 115200));
        Assert.Contains("/dev/null is not a serial device", notTty.Message);
        var slow = Assert.Throws<SerialDeviceException>(() => SerialDevice.Open("/dev/null", 10));
        Assert.Equal("/dev/null: baud rate 10 is out of range (50 to 16000000)", slow.Message);
    }
}
