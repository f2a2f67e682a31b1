using RobotPolicy.Bridge.Handshake;
using RobotPolicy.Bridge.Messages;
using RobotPolicy.Bridge.Plant;
using RobotPolicy.Bridge.PolicyCheck;
using RobotPolicy.Bridge.Transports;
using RobotPolicy.Bridge.Transports.Serial;
using RobotPolicy.Bridge.Transports.Udp;
using RobotPolicy.Control.Loop;
using RobotPolicy.Control.Scheduling;
using RobotPolicy.Runtime.Diagnostics;

namespace RobotPolicy.Control.Hil;

/// <summary>
/// The hardware-in-the-loop latency benchmark: first the machine's timer floor (a bare loop sleeping to absolute
/// deadlines at the rate, and cyclictest when installed), then the control loop driving a probe robot over a real
/// transport at the same rate for the same time. The probe stamps each sensor frame and times its action on
/// arrival (coordinated-omission corrected); the loop's telemetry gives the runtime's stages. Both parts run under
/// the same load and priority, so the loop's tail reads as a ratio to what this machine allows.
/// </summary>
public static class HilBenchmark
{
    /// <summary>
    /// A bare loop whose wake-up lateness p99.9 is above this is on a loaded or virtual machine: a quiet machine's
    /// high-resolution timer wakes within tens of microseconds (cyclictest p99.9 of 55-100 µs under SCHED_FIFO even
    /// on an idle 2-core cloud VM), while a loaded or unpinned VM stalls for milliseconds. Above it, the loop's
    /// tail belongs to the machine, and the floor is what to judge it by.
    /// </summary>
    public const double NoisyTimerP999Microseconds = 250;

    public static HilResult Run(IControlPolicy policy, string bundleName, HilOptions options, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.RateHz >= 1 && options.RateHz <= 20_000))
        {
            throw new ArgumentException($"rate {options.RateHz} Hz is not in 1..20000");
        }
        if (!HilTransports.All.Contains(options.Transport))
        {
            throw new ArgumentException($"transport '{options.Transport}' is not one of {string.Join(", ", HilTransports.All)}");
        }
        if (options.Plant is { } plant && PlantMismatch(plant, policy.Metadata, bundleName) is { } mismatch)
        {
            throw new ArgumentException(mismatch);
        }
        using var load = new CpuLoad(options.LoadThreads);
        // With real-time priority, also the rest of what cyclictest does: no deep idle states while measuring.
        using var latencyRequest = options.Realtime ? CpuLatencyRequest.TryMake(out string? notHeld) : null;

        progress?.Report($"timer floor: a bare loop at {options.RateHz:0} Hz for {options.Duration.TotalSeconds:0} s");
        TimerFloorResult floor = OnThread(options.Realtime, options.Cpu, () => TimerFloor.Measure(options.RateHz, options.Duration, cancel));
        CyclictestResult cyclictest = options.Cyclictest
            ? Announce(progress, "cyclictest at the same rate", () => CyclictestRun.Measure(options.RateHz, options.Duration))
            : new CyclictestResult("", null, 0, "not asked for (--no-cyclictest)");

        progress?.Report($"control loop against the probe robot{(options.Plant is { } p ? $" ({p.Name} physics)" : "")} over {options.Transport} for {options.Duration.TotalSeconds:0} s");
        long period = (long)Math.Round(1e9 / options.RateHz);
        var stages = new StageRecorder(period);
        var (runtimeEnd, robotEnd, cable) = OpenLink(options.Transport);
        using var _ = cable;
        using var runtimeLink = runtimeEnd;
        using var robotLink = robotEnd;
        var loopOptions = new ControlOptions
        {
            PeriodSecondsOverride = period / 1e9,
            SensorTimeout = TimeSpan.FromMilliseconds(Math.Max(100, 50 * period / 1e6)),
            Realtime = options.Realtime,
            TelemetryCapacity = 1 << 16,
            SummaryInterval = TimeSpan.FromSeconds(1),
            CycleObserver = stages.Observe,
            SpinMicroseconds = options.SpinMicroseconds,
            Cpu = options.Cpu,
        };
        var loop = new ControlLoop(policy, runtimeLink, loopOptions, bundleName: bundleName);
        using var stopLoop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var loopThread = ControlLoopThread.Start(loop, stopLoop.Token, "hil control loop");

        var expected = PolicyHelloCheck.ExpectedRobot(policy.Metadata);
        var hello = options.Plant?.HelloAt(period) ?? new Hello("hil-probe", expected.JointNames, expected.SensorTerms, period);
        var probe = new LatencyProbeRobot(hello, robotLink, options.SpinMicroseconds, options.Plant);
        int collectionsBefore = GC.CollectionCount(0);
        OnThread(options.Realtime, options.Cpu, () =>
        {
            probe.Run(options.Duration, cancel);
            return 0;
        });
        int collections = GC.CollectionCount(0) - collectionsBefore;
        stopLoop.Cancel();
        try
        {
            loopThread.Join();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"the control loop failed during the benchmark: {e.Message}", e);
        }

        ProbeResult robot = probe.Result;
        var endToEnd = Percentiles.From("sensor → action at the robot (CO-corrected)", robot.Latency);
        var floorPercentiles = Percentiles.From("timer floor: bare loop wake-up lateness (CO-corrected)", floor.WakeLateness);
        var goals = Goals(endToEnd, floorPercentiles, robot.DeadlineMisses, floor.DeadlineMisses);
        var timeline = robot.Timeline.Select((t, i) => new[] { t.Seconds, t.MaxLatencyMicroseconds, t.MaxWakeMicroseconds, i < floor.Timeline.Count ? floor.Timeline[i].MaxWakeMicroseconds : double.NaN }).ToList();
        return new HilResult(
            bundleName, $"{Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            options.RateHz, options.Duration.TotalSeconds, options.Transport, options.LoadThreads, options.Realtime, options.SpinMicroseconds, options.Cpu,
            endToEnd,
            Percentiles.From("sensor → action inside the runtime", stages.Internal),
            [
                Percentiles.From("decode", stages.Decode),
                Percentiles.From("policy step", stages.Step),
                Percentiles.From("safety + encode", stages.Encode),
                Percentiles.From("send", stages.Send),
            ],
            Percentiles.From("probe robot wake-up lateness (CO-corrected)", robot.WakeLateness),
            Percentiles.From("sensor-frame arrival jitter at the runtime", stages.ArrivalJitter),
            floorPercentiles,
            cyclictest,
            robot.FramesSent, robot.OnTime, robot.Late, robot.Missing, robot.DeadlineMisses, floor.DeadlineMisses, collections,
            runtimeLink.Statistics.TotalDrops + robotLink.Statistics.TotalDrops, loop.TelemetryDropped,
            HistogramBin.From(robot.Latency), HistogramBin.From(floor.WakeLateness), timeline, goals)
        {
            TimerNote = TimerNote(floorPercentiles),
            Physics = options.Plant is { } simulated ? new HilPhysics(simulated.Name, simulated.Episodes, simulated.Episodes > 0 ? simulated.MeanReturn : null) : null,
            Distributions = new Dictionary<string, LatencyHistogram> { ["end-to-end"] = robot.Latency, ["timer-floor"] = floor.WakeLateness },
        };
    }

    /// <summary>
    /// The goals for 1 kHz over UDP loopback, judged at any rate: first what the loop adds to this machine's own
    /// timer floor, then the absolute p99, as information.
    /// </summary>
    private static List<HilGoal> Goals(Percentiles endToEnd, Percentiles floor, long robotMisses, long floorMisses)
    {
        return
        [
            new HilGoal("p99.9 within 1.5x the timer floor's p99.9", $"{Us(endToEnd.P999)} vs {Us(floor.P999)} ({endToEnd.P999 / Math.Max(floor.P999, 1e-9):0.00}x)", endToEnd.P999 <= 1.5 * floor.P999),
            new HilGoal("p99.99 within 1.5x the timer floor's p99.99", $"{Us(endToEnd.P9999)} vs {Us(floor.P9999)} ({endToEnd.P9999 / Math.Max(floor.P9999, 1e-9):0.00}x)", endToEnd.P9999 <= 1.5 * floor.P9999),
            new HilGoal("max within 1.5x the timer floor's max", $"{Us(endToEnd.Max)} vs {Us(floor.Max)} ({endToEnd.Max / Math.Max(floor.Max, 1e-9):0.00}x)", endToEnd.Max <= 1.5 * floor.Max),
            new HilGoal("deadline misses no more than the bare loop's", $"{robotMisses} vs {floorMisses}", robotMisses <= floorMisses),
            new HilGoal("p99 sensor → action < 100 µs on a quiet machine", Us(endToEnd.P99), endToEnd.P99 < 100, Absolute: true),
        ];
    }

    /// <summary>
    /// Why <paramref name="plant"/>'s robot cannot run the policy (its joints or sensor terms differ from the bundle's),
    /// in one line; null when it can. The rate is the benchmark's, so the control period is not compared.
    /// </summary>
    public static string? PlantMismatch(IRobotPlant plant, RobotPolicy.Bundle.PolicyMetadata metadata, string bundleName)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var expected = PolicyHelloCheck.ExpectedRobot(metadata);
        var hello = plant.HelloAt((long)Math.Round(expected.ControlPeriodSeconds * 1e9));
        return HelloCheck.FindFirstMismatch(hello, expected) is { } mismatch
            ? $"the {plant.Name} physics does not fit {bundleName}: {mismatch}"
            : null;
    }

    private static string Us(double v) => v >= 10_000 ? FormattableString.Invariant($"{v / 1000:0.#} ms") : FormattableString.Invariant($"{v:0.#} µs");

    /// <summary>The one line that explains a tail set by the machine's timer, or null when the timer is quiet.</summary>
    private static string? TimerNote(Percentiles floor) => floor.P999 > NoisyTimerP999Microseconds
        ? $"this machine's own timer p99.9 is {Us(floor.P999)} (a quiet machine's is under {NoisyTimerP999Microseconds:0} µs): a loaded or virtual machine, whose stalls set the tail; judge the loop by its ratio to the floor (docs/benchmarks.md, bench hil)"
        : null;

    private static (IMessageTransport Runtime, IMessageTransport Robot, IDisposable? Cable) OpenLink(string transport)
    {
        switch (transport)
        {
            case HilTransports.Udp:
                var runtime = UdpTransport.Open("udp://127.0.0.1:0?listen");
                return (runtime, UdpTransport.Open($"udp://127.0.0.1:{runtime.LocalEndPoint.Port}"), null);
            case HilTransports.Serial:
                var cable = new PseudoTerminals();
                return (SerialTransport.Open($"serial:{cable.A}?baud=4000000"), SerialTransport.Open($"serial:{cable.B}?baud=4000000"), cable);
            default:
                var (a, b) = InProcessTransport.CreatePair();
                return (a, b, null);
        }
    }

    private static T Announce<T>(IProgress<string>? progress, string what, Func<T> body)
    {
        progress?.Report(what);
        return body();
    }

    /// <summary>Runs <paramref name="body"/> on a fresh thread (real-time and pinned when asked), so priorities stay where they belong.</summary>
    private static T OnThread<T>(bool realtime, int? cpu, Func<T> body)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            // Refusals are not reported here: the control loop, under the same settings, warns about them.
            ThreadScheduling.ApplyToCallingThread(realtime ? 80 : null, cpu);
            try
            {
                result = body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "hil measurement" };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        return result!;
    }
}
