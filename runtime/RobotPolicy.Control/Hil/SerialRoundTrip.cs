using System.Diagnostics;
using RobotPolicy.Bridge.Serial;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Bridge.Transports.Serial;
using RobotPolicy.Runtime.Diagnostics;

namespace RobotPolicy.Control.Hil;

/// <summary>What `bench serial` measures: round trips of <see cref="FrameBytes"/> bytes at <see cref="Baud"/>.</summary>
/// <param name="Device">A real port with a loopback plug (TX wired to RX), or null for a socat pseudo-terminal pair
/// with an echo on the far end.</param>
public sealed record SerialRoundTripOptions(int Baud, int FrameBytes, int RoundTrips, int WarmUp, string? Device);

/// <summary>One driver's round trips; <see cref="Refused"/> says why a driver could not run them (then the figures are 0).</summary>
public sealed record SerialRoundTripResult(
    string Driver, int Baud, int FrameBytes, int RoundTrips, double P50Us, double P99Us, double P999Us, double MaxUs,
    double AllocatedBytesPerRoundTrip, string? Refused);

/// <summary>
/// Serial round-trip latency, each driver in turn on the same link: write a frame, read until all of it is back,
/// timed with the monotonic clock into a latency histogram; bytes allocated on the caller's thread per round trip.
/// Over a pseudo-terminal pair the far end echoes with the termios driver, so both drivers meet the same echo.
/// </summary>
public static class SerialRoundTripBenchmark
{
    /// <summary>How long one round trip may take before the run is abandoned (no echo: a wrong device or no plug).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static IReadOnlyList<SerialRoundTripResult> Run(SerialRoundTripOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<SerialRoundTripResult>();
        foreach (SerialDriver driver in new[] { SerialDriver.Termios, SerialDriver.Ports })
        {
            if (driver == SerialDriver.Termios && !OperatingSystem.IsLinux())
            {
                results.Add(Refused(driver, options, "termios is Linux only"));
                continue;
            }
            progress?.Report($"{Name(driver)}: {options.RoundTrips:N0} round trips of {options.FrameBytes} bytes at {options.Baud:N0} baud");
            results.Add(options.Device is { } device ? Measure(driver, device, options) : OverPseudoTerminals(driver, options));
        }
        return results;
    }

    public static string Name(SerialDriver driver) => driver == SerialDriver.Ports ? "System.IO.Ports" : "termios";

    private static SerialRoundTripResult OverPseudoTerminals(SerialDriver driver, SerialRoundTripOptions options)
    {
        using var cable = new PseudoTerminals();
        using var far = SerialDevice.Open(cable.B, options.Baud);
        using var echo = new Echo(far);
        return Measure(driver, cable.A, options);
    }

    private static SerialRoundTripResult Measure(SerialDriver driver, string device, SerialRoundTripOptions options)
    {
        Stream port;
        try
        {
            port = SerialTransport.OpenStream(new SerialAddress(device, options.Baud, driver));
        }
        catch (TransportException e)
        {
            return Refused(driver, options, e.Message);
        }
        using (port)
        {
            var frame = new byte[options.FrameBytes];
            new Random(1).NextBytes(frame);
            var back = new byte[options.FrameBytes];
            // A read that waits too long (no echo) is ended by closing the port under it.
            long progressTicks = Stopwatch.GetTimestamp();
            using var stall = new Timer(_ =>
            {
                if (Stopwatch.GetElapsedTime(Volatile.Read(ref progressTicks)) > Patience)
                {
                    port.Dispose();
                }
            }, null, 500, 500);
            var histogram = new LatencyHistogram();
            long allocated = 0;
            for (int i = 0; i < options.WarmUp + options.RoundTrips; i++)
            {
                bool measured = i >= options.WarmUp;
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                port.Write(frame);
                for (int got = 0; got < back.Length;)
                {
                    int n = port.Read(back, got, back.Length - got);
                    if (n == 0)
                    {
                        throw new IOException($"{device}: no echo of round trip {i + 1} within {Patience.TotalSeconds:0} s ({Name(driver)}); " +
                            (options.Device is null ? "the pseudo-terminal echo stopped" : "is a loopback plug (TX wired to RX) on the port?"));
                    }
                    got += n;
                }
                long elapsed = Stopwatch.GetTimestamp() - start;
                if (measured)
                {
                    allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                    histogram.Record((long)(elapsed * (1e9 / Stopwatch.Frequency)));
                }
                Volatile.Write(ref progressTicks, Stopwatch.GetTimestamp());
                if (!back.AsSpan().SequenceEqual(frame))
                {
                    throw new IOException($"{device}: round trip {i + 1} came back changed ({Name(driver)})");
                }
            }
            return new SerialRoundTripResult(Name(driver), options.Baud, options.FrameBytes, options.RoundTrips,
                histogram.ValueAtPercentile(50) / 1e3, histogram.ValueAtPercentile(99) / 1e3, histogram.ValueAtPercentile(99.9) / 1e3,
                histogram.Max / 1e3, (double)allocated / options.RoundTrips, null);
        }
    }

    private static SerialRoundTripResult Refused(SerialDriver driver, SerialRoundTripOptions options, string why) =>
        new(Name(driver), options.Baud, options.FrameBytes, 0, 0, 0, 0, 0, 0, why);

    /// <summary>The far end of a pseudo-terminal pair: sends back whatever arrives, on its own thread.</summary>
    private sealed class Echo : IDisposable
    {
        private readonly SerialDevice _device;
        private readonly Thread _thread;
        private volatile bool _stop;

        public Echo(SerialDevice device)
        {
            _device = device;
            _thread = new Thread(Loop) { IsBackground = true, Name = "bench serial echo" };
            _thread.Start();
        }

        private void Loop()
        {
            var buffer = new byte[4096];
            try
            {
                while (!_stop)
                {
                    int n = _device.Read(buffer, 50);
                    if (n > 0)
                    {
                        _device.Write(buffer.AsSpan(0, n));
                    }
                }
            }
            catch (SerialDeviceException)
            {
                // The pair went away (the benchmark is ending): nothing left to echo.
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
