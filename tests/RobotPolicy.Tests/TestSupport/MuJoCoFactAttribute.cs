using RobotPolicy.MuJoCo;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// A fact that needs MuJoCo 2.2.2 (Debian's libmujoco-dev and libmujoco-samples, which tests/run.sh installs):
/// skipped with the reason where it is missing, except under CI, where it runs and fails instead.
/// </summary>
internal sealed class MuJoCoFactAttribute : FactAttribute
{
    public MuJoCoFactAttribute()
    {
        if (WhyUnavailable() is { } why)
        {
            Skip = why;
        }
    }

    public static string? WhyUnavailable()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            MuJoCoLibrary.EnsureAvailable();
            return File.Exists("/usr/include/mujoco/mujoco.h") ? null : "needs MuJoCo's headers (Debian package libmujoco-dev; tests/run.sh installs it)";
        }
        catch (MuJoCoUnavailableException e)
        {
            return $"needs MuJoCo 2.2.2: {e.Message}";
        }
    }
}

/// <summary>A fact that needs MuJoCo and socat (the arm over a serial pseudo-terminal pair): skipped with the reason
/// where either is missing, except under CI.</summary>
internal sealed class MuJoCoSocatFactAttribute : FactAttribute
{
    public MuJoCoSocatFactAttribute()
    {
        if ((MuJoCoFactAttribute.WhyUnavailable() ?? PseudoTerminalPair.WhyUnavailable()) is { } why)
        {
            Skip = why;
        }
    }
}
