using RobotPolicy.Control.Hil;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// Two connected pseudo-terminals made by Debian's socat (`socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`): a
/// serial cable in software. Killing it is a cable pull. tests/run.sh installs socat.
/// </summary>
internal sealed class PseudoTerminalPair : IDisposable
{
    private readonly PseudoTerminals _pair = new();

    public string A => _pair.A;

    public string B => _pair.B;

    /// <summary>Ends socat: both pseudo-terminals hang up, as when a USB adapter is pulled.</summary>
    public void PullCable() => _pair.PullCable();

    /// <summary>Why the pair cannot be made here, or null; under CI (CI=true) never a reason: the test must run.</summary>
    public static string? WhyUnavailable()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        bool found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "socat")));
        return ci || found ? null : "needs socat for pseudo-terminal pairs (Debian package socat; tests/run.sh installs it)";
    }

    public void Dispose() => _pair.Dispose();
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

/// <summary>A theory that needs socat: skipped with the reason where it is missing, except under CI.</summary>
internal sealed class SocatTheoryAttribute : TheoryAttribute
{
    public SocatTheoryAttribute()
    {
        if (PseudoTerminalPair.WhyUnavailable() is { } why)
        {
            Skip = why;
        }
    }
}
