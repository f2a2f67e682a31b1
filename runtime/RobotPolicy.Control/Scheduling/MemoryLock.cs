using System.Runtime.InteropServices;

namespace RobotPolicy.Control.Scheduling;

/// <summary>
/// Keeps the process's memory resident while the loop runs: mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT), undone
/// by munlockall on dispose. Without it, under memory pressure the kernel may drop code pages of the runtime or of
/// ONNX Runtime (they are file-backed) and the next cycle that needs them waits for the disk; cyclictest locks its
/// memory for the same reason. MCL_ONFAULT locks pages as they are touched instead of faulting in every mapping at
/// once: .NET reserves gigabytes of address space for its heap that the loop never uses, and the loop's own pages are
/// already touched by the warm-up. Needs CAP_IPC_LOCK or a large enough RLIMIT_MEMLOCK (root has both).
/// </summary>
public sealed partial class MemoryLock : IDisposable
{
    private const int McCurrent = 1;
    private const int McFuture = 2;
    private const int McOnFault = 4;
    private const int EPerm = 1;
    private const int ENoMem = 12;
    private const int EInval = 22;

    private bool _held = true;

    private MemoryLock()
    {
    }

    /// <summary>The lock, or null with <paramref name="why"/> saying why it could not be taken and how to allow it.</summary>
    public static MemoryLock? TryMake(out string? why)
    {
        if (!OperatingSystem.IsLinux())
        {
            why = "memory is only locked on Linux";
            return null;
        }
        int result = MLockAll(McCurrent | McFuture | McOnFault);
        int errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        if (errno == EInval)
        {
            // Kernels before 4.4 know no MCL_ONFAULT: lock what is mapped now, and future mappings as they come.
            result = MLockAll(McCurrent | McFuture);
            errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        if (result == 0)
        {
            why = null;
            return new MemoryLock();
        }
        why = errno is EPerm or ENoMem
            ? $"cannot lock memory ({Marshal.GetPInvokeErrorMessage(errno)}): run as root, give the binary CAP_IPC_LOCK, or raise the memlock limit (systemd: LimitMEMLOCK=infinity; shell: ulimit -l unlimited); pages may be swapped or dropped"
            : $"cannot lock memory: {Marshal.GetPInvokeErrorMessage(errno)}; pages may be swapped or dropped";
        return null;
    }

    public void Dispose()
    {
        if (_held)
        {
            _held = false;
            MUnlockAll();
        }
    }

    [LibraryImport("libc", EntryPoint = "mlockall", SetLastError = true)]
    private static partial int MLockAll(int flags);

    [LibraryImport("libc", EntryPoint = "munlockall", SetLastError = true)]
    private static partial int MUnlockAll();
}
