using RobotPolicy.MuJoCo.Native;

namespace RobotPolicy.MuJoCo;

/// <summary>Whether this machine has the MuJoCo the binding is written for, checked once before the first model.</summary>
public static class MuJoCoLibrary
{
    /// <summary>What a user installs to get it, named in every error.</summary>
    public const string Package = "libmujoco-dev";

    /// <summary>Names a MuJoCo library file to load instead of Debian's (one built or unpacked elsewhere).</summary>
    public const string PathVariable = "ROBOTPOLICY_MUJOCO_LIBRARY";

    private static readonly Lazy<int> LoadedVersion = new(Load);

    internal static string? PathOverride => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : null;

    /// <summary>The loaded library's version as MuJoCo numbers it (222 for 2.2.2).</summary>
    public static int Version => LoadedVersion.Value;

    /// <summary>Throws <see cref="MuJoCoUnavailableException"/> unless MuJoCo 2.2.2 is installed.</summary>
    public static void EnsureAvailable() => _ = LoadedVersion.Value;

    private static int Load()
    {
        int version;
        try
        {
            version = MuJoCoApi.mj_version();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new MuJoCoUnavailableException(PathOverride is { } own
                ? $"MuJoCo cannot be loaded from {own} ({PathVariable}): give the path of a MuJoCo 2.2.2 libmujoco.so, or unset it to use Debian's {Package}"
                : $"MuJoCo is not installed (libmujoco.so.2.2.2 was not found): install Debian's {Package} (apt-get install {Package})", e);
        }
        if (version != Layout222.Version)
        {
            throw new MuJoCoUnavailableException(
                $"MuJoCo {version / 100}.{version / 10 % 10}.{version % 10} is installed; robotpolicy reads MuJoCo 2.2.2's model layout: install Debian 12's {Package} 2.2.2");
        }
        return version;
    }
}
