using System.Runtime.InteropServices;

namespace RobotPolicy.Control.Doctor;

/// <summary>
/// The libc calls the checks need. Every struct here has the same layout on linux-x64 and linux-arm64 (rlim_t and
/// the timespec fields are 64-bit on both; statx is architecture-independent by design).
/// </summary>
internal static unsafe partial class DoctorNative
{
    public const int RlimitRtprio = 14; // asm-generic and x86 alike
    public const ulong RlimInfinity = ulong.MaxValue;
    private const int ClockMonotonic = 1;
    private const int ROk = 4;
    private const int WOk = 2;
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>The soft and hard limit, or null where getrlimit is not there (not Linux).</summary>
    public static (ulong Soft, ulong Hard)? GetRLimit(int resource)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        ulong* limits = stackalloc ulong[2];
        return GetRLimitNative(resource, limits) == 0 ? (limits[0], limits[1]) : null;
    }

    /// <summary>CLOCK_MONOTONIC's resolution in nanoseconds, or null when it cannot be read.</summary>
    public static long? MonotonicResolutionNs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        long* ts = stackalloc long[2];
        return ClockGetRes(ClockMonotonic, ts) == 0 ? ts[0] * 1_000_000_000 + ts[1] : null;
    }

    /// <summary>True when this process may open <paramref name="path"/> for reading and writing (access(2), real ids).</summary>
    public static bool CanReadWrite(string path, out string? error)
    {
        if (Access(path, ROk | WOk) == 0)
        {
            error = null;
            return true;
        }
        error = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        return false;
    }

    /// <summary>Owner, group and permission bits of a file (statx), or null when it cannot be read.</summary>
    public static (uint Uid, uint Gid, int Mode)? Owner(string path)
    {
        byte* buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
        {
            return null;
        }
        return (*(uint*)(buffer + 20), *(uint*)(buffer + 24), *(ushort*)(buffer + 28));
    }

    public static uint EffectiveUserId() => GetEUid();

    /// <summary>The groups this process has now: its effective group and the supplementary ones.</summary>
    public static IReadOnlyList<uint> ActiveGroups()
    {
        int count = GetGroups(0, null);
        var groups = new uint[Math.Max(count, 0) + 1];
        fixed (uint* p = groups)
        {
            count = count > 0 ? GetGroups(count, p) : 0;
        }
        groups[Math.Max(count, 0)] = GetEGid();
        return groups.Take(Math.Max(count, 0) + 1).Distinct().ToArray();
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimitNative(int resource, ulong* limits);

    [LibraryImport("libc", EntryPoint = "clock_getres")]
    private static partial int ClockGetRes(int clock, long* timespec);

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEUid();

    [LibraryImport("libc", EntryPoint = "getegid")]
    private static partial uint GetEGid();

    [LibraryImport("libc", EntryPoint = "getgroups", SetLastError = true)]
    private static partial int GetGroups(int size, uint* list);
}
