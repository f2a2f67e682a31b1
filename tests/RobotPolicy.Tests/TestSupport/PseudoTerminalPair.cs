using System.Diagnostics;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Two connected pseudo-terminals made by Debian's socat (`socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`): a
/// serial cable in software. Killing it is a cable pull. tests/run.sh installs socat.
/// </summary>
internal sealed class PseudoTerminalPair : IDisposable
{
    private readonly Process _socat;
    private readonly TemporaryDirectory _dir = new();

    public PseudoTerminalPair()
    {
        A = Path.Combine(_dir.Path, "a");
        B = Path.Combine(_dir.Path, "b");
        _socat = Process.Start(new ProcessStartInfo("socat")
        {
            ArgumentList = { "-d", $"pty,raw,echo=0,link={A}", $"pty,raw,echo=0,link={B}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("socat did not start");
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(A) && File.Exists(B)))
        {
            if (_socat.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"socat made no pseudo-terminals: {_socat.StandardError.ReadToEnd()}");
            }
            Thread.Sleep(20);
        }
    }

    public string A { get; }

    public string B { get; }

    /// <summary>Ends socat: both pseudo-terminals hang up, as when a USB adapter is pulled.</summary>
    public void PullCable()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit();
        }
    }

    /// <summary>Why the pair cannot be made here, or null; under CI (CI=true) never a reason: the test must run.</summary>
    public static string? WhyUnavailable()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        bool found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "socat")));
        return ci || found ? null : "needs socat for pseudo-terminal pairs (Debian package socat; tests/run.sh installs it)";
    }

    public void Dispose()
    {
        PullCable();
        _socat.Dispose();
        _dir.Dispose();
    }
}

/// <summary>A fact that needs socat: skipped with the reason where it is missing, except under CI.</summary>
internal sealed class SocatFactAttribute : FactAttribute
{
    public SocatFactAttribute()
    {
        if (PseudoTerminalPair.WhyUnavailable() is { } why)
        {
            Skip = why;
        }
    }
}
