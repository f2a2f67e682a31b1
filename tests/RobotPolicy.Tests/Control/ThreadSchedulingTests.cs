using RobotPolicy.Control.Scheduling;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Control;

/// <summary>Real-time priority and CPU pinning: done where permitted, a one-line reason with the fix where not. Each
/// call runs on a throwaway thread, since both change the calling thread.</summary>
public class ThreadSchedulingTests
{
    private static string? OnOwnThread(Func<string?> call)
    {
        string? result = null;
        var thread = new Thread(() => result = call());
        thread.Start();
        thread.Join();
        return result;
    }

    [Fact]
    public void Pinning_to_an_allowed_cpu_works_and_to_a_missing_one_says_so()
    {
        int allowed = Enumerable.Range(0, Environment.ProcessorCount).First();
        Assert.Null(OnOwnThread(() => ThreadScheduling.TryPinToCpu(allowed)));
        Assert.Contains("CPU 1000 is not one this process may use", OnOwnThread(() => ThreadScheduling.TryPinToCpu(1000)));
        Assert.Contains("not a CPU number", OnOwnThread(() => ThreadScheduling.TryPinToCpu(-1)));
    }

    [Fact]
    public void Realtime_priority_is_granted_or_refused_with_the_fix()
    {
        Assert.Contains("not in 1..99", OnOwnThread(() => ThreadScheduling.TryMakeRealtime(0)));
        // Root or CAP_SYS_NICE gets SCHED_FIFO; anyone else is told how to get it.
        string? why = OnOwnThread(() => ThreadScheduling.TryMakeRealtime(10));
        Assert.True(why is null || why.Contains("CAP_SYS_NICE", StringComparison.Ordinal) || why.Contains("refused", StringComparison.Ordinal), why);
    }

    [Fact]
    public void The_cpu_latency_request_is_held_or_refused_with_the_reason()
    {
        using var request = CpuLatencyRequest.TryMake(out string? why);
        if (request is null)
        {
            Assert.Contains("/dev/cpu_dma_latency", why);
        }
        else
        {
            Assert.Null(why);
            // While it is held the kernel reports the request (the file reads back the lowest latency asked for).
            Assert.True(File.Exists("/dev/cpu_dma_latency"));
        }
    }
}

/// <summary>mlockall acts on the whole process: this runs in the collection that runs alone, so no other test's
/// threads are locked in (or unlocked) halfway.</summary>
[Collection(TimingSensitive.Name)]
public class MemoryLockTests
{
    [Fact]
    public void The_memory_lock_is_held_until_disposed_or_refused_with_the_fix()
    {
        var memoryLock = MemoryLock.TryMake(out string? why);
        if (memoryLock is null)
        {
            Assert.True(!OperatingSystem.IsLinux() || why!.Contains("memlock", StringComparison.Ordinal), why);
            return;
        }
        Assert.Null(why);
        // VmLck counts the locked mappings while the lock is held, and nothing after munlockall.
        Assert.True(LockedKilobytes() > 0, "VmLck is 0 while the lock is held");
        memoryLock.Dispose();
        Assert.Equal(0, LockedKilobytes());
        memoryLock.Dispose(); // twice is harmless
    }

    private static long LockedKilobytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmLck:", StringComparison.Ordinal));
        return long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
