namespace RobotPolicy.Control.Hil;

/// <summary>
/// A pass or a miss against one of the benchmark's goals. Most are judged against this machine's own timer floor
/// (what the loop adds to it); an <paramref name="Absolute"/> one is a number for a quiet machine, reported as
/// information: on a loaded or virtual machine the timer alone misses it.
/// </summary>
public sealed record HilGoal(string Goal, string Measured, bool Met, bool Absolute = false);

/// <summary>The simulated robot behind the probe (`bench hil --physics`): which, and how the policy did on it (null
/// before a first episode ends). A benchmark's episodes run back to back, with no Hello between them, so the
/// runtime's observation history carries over a reset: `run` against `sim-robot` is the return to trust.</summary>
public sealed record HilPhysics(string Name, int Episodes, double? MeanReturn);

/// <summary>Everything `bench hil` measured, in microseconds; what its JSON and HTML reports are made from.</summary>
public sealed record HilResult(
    string Bundle,
    string Machine,
    double RateHz,
    double DurationSeconds,
    string Transport,
    int LoadThreads,
    bool Realtime,
    int SpinMicroseconds,
    int? Cpu,
    Percentiles EndToEnd,
    Percentiles RuntimeInternal,
    IReadOnlyList<Percentiles> Stages,
    Percentiles RobotWake,
    Percentiles ArrivalJitter,
    Percentiles TimerFloor,
    CyclictestResult Cyclictest,
    long FramesSent,
    long ActionsOnTime,
    long ActionsLate,
    long ActionsMissing,
    long RobotDeadlineMisses,
    long FloorDeadlineMisses,
    long GarbageCollections,
    long TransportDrops,
    long TelemetryDropped,
    IReadOnlyList<HistogramBin> EndToEndHistogram,
    IReadOnlyList<HistogramBin> FloorHistogram,
    IReadOnlyList<double[]> Timeline,
    IReadOnlyList<HilGoal> Goals)
{
    /// <summary>The CO-corrected distributions behind <see cref="EndToEnd"/> ("end-to-end") and <see cref="TimerFloor"/> ("timer-floor"), for .hgrm files.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, RobotPolicy.Runtime.Diagnostics.LatencyHistogram> Distributions { get; init; } =
        new Dictionary<string, RobotPolicy.Runtime.Diagnostics.LatencyHistogram>();

    /// <summary>
    /// One line on why the tail is what it is when this machine's own timer is what sets it (see
    /// <see cref="HilBenchmark.NoisyTimerP999Microseconds"/>); null on a machine whose timer is quiet.
    /// </summary>
    public string? TimerNote { get; init; }

    /// <summary>The physics the probe robot stepped; null when its frames were sinusoids.</summary>
    public HilPhysics? Physics { get; init; }

    /// <summary>Every measured quantity, in the order the console table and the report list them.</summary>
    public IEnumerable<Percentiles> Measurements()
    {
        IEnumerable<Percentiles> rows = [EndToEnd, RuntimeInternal, .. Stages, RobotWake, ArrivalJitter, TimerFloor];
        return Cyclictest.Latency is { } cyclictest ? rows.Append(cyclictest) : rows;
    }
}
