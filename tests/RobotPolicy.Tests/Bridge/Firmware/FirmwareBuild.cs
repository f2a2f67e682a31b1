using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Bridge.Firmware;

/// <summary>
/// The C99 robot side in robot-bridge/firmware, built with the host's C compiler through its Makefile. Each build
/// goes into its own temporary folder (make BUILD=...), so tests running at once never share objects and the
/// source tree gets no build output. tests/run.sh installs gcc and make.
/// </summary>
internal sealed class FirmwareBuild : IDisposable
{
    private static readonly TimeSpan MakeTimeout = TimeSpan.FromMinutes(5);
    private readonly TemporaryDirectory _dir = new();

    public static string SourceDirectory => Path.Combine(Repository.Root, "robot-bridge", "firmware");

    public string OutputDirectory => _dir.Path;

    /// <summary>The simulated robot, after <c>Make("sim-peer")</c>.</summary>
    public string SimPeer => Path.Combine(_dir.Path, "rp_sim_peer");

    /// <summary>Runs make on <paramref name="targets"/>; fails the test with make's output when it fails.</summary>
    public ChildProcess.Result Make(params string[] targets)
    {
        var result = ChildProcess.Run("make", ["-C", SourceDirectory, $"BUILD={_dir.Path}", .. targets], MakeTimeout);
        Assert.True(result.ExitCode == 0,
            $"make {string.Join(' ', targets)} exited {result.ExitCode}:\n{Tail(result.Out)}\n{Tail(result.Err)}");
        return result;
    }

    /// <summary>The last lines of a long output, for failure messages.</summary>
    public static string Tail(string text, int lines = 40) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));

    /// <summary>Why the firmware cannot be built here, or null; under CI (CI=true) never a reason: the test must run.</summary>
    public static string? WhyUnavailable()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        string[] missing = new[] { "cc", "make" }.Where(tool => !OnPath(tool)).ToArray();
        return ci || missing.Length == 0
            ? null
            : $"needs {string.Join(" and ", missing)} to build robot-bridge/firmware (Debian packages gcc and make; tests/run.sh installs them)";
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));

    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// A fact that builds the C firmware (and, with <c>pseudoTerminals: true</c>, talks to it over socat's
/// pseudo-terminals): skipped with the reason where a tool is missing, except under CI, where it runs and fails.
/// </summary>
internal sealed class FirmwareFactAttribute : FactAttribute
{
    public FirmwareFactAttribute(bool pseudoTerminals = false)
    {
        if ((FirmwareBuild.WhyUnavailable() ?? (pseudoTerminals ? PseudoTerminalPair.WhyUnavailable() : null)) is { } why)
        {
            Skip = why;
        }
    }
}
