using System.Runtime.InteropServices;
using System.Text.Json;
using RobotPolicy.Control.Doctor;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Control;

/// <summary>`robotpolicy doctor`'s checks: on this machine as it is, and against fake sysfs, /dev and /etc/group trees.</summary>
public class DoctorTests
{
    private static DoctorCheck Single(IDoctorCheck check, DoctorOptions options)
    {
        var results = Doctor.RunOne(check, options);
        return Assert.Single(results);
    }

    private static void Write(string root, string relative, string content)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content + "\n");
    }

    [Fact]
    public void The_onnxruntime_check_finds_the_pinned_library_and_its_version()
    {
        var result = Single(new OnnxRuntimeLibraryCheck(), new DoctorOptions());
        Assert.Equal(DoctorStatus.Ok, result.Status);
        Assert.Equal("onnxruntime", result.Name);
        Assert.StartsWith($"ONNX Runtime {RobotPolicy.Runtime.Session.OnnxRuntimeBuild.ManagedVersion.ToString(3)} (x64), ", result.Finding);
        Assert.EndsWith("libonnxruntime.so", result.Finding);
    }

    [Fact]
    public void The_cpu_provider_starts_and_a_gpu_provider_that_cannot_says_why()
    {
        var results = Doctor.RunOne(new ExecutionProviderCheck(), new DoctorOptions());
        Assert.Equal(["provider:cpu", "provider:cuda", "provider:tensorrt"], results.Select(r => r.Name));
        Assert.Equal(DoctorStatus.Ok, results[0].Status);
        bool gpuHere = NativeLibrary.TryLoad("libcuda.so.1", out _);
        foreach (var gpu in results.Skip(1))
        {
            if (gpu.Status == DoctorStatus.Ok)
            {
                continue; // a GPU build on a machine with a GPU
            }
            // Not needed for a CPU policy: never a failure, and always a reason and a fix.
            Assert.Contains(gpu.Status, new[] { DoctorStatus.Skip, DoctorStatus.Warn });
            Assert.NotNull(gpu.Fix);
            if (!gpuHere)
            {
                Assert.Contains("lacks libcuda.so.1 (the NVIDIA driver", gpu.Finding, StringComparison.Ordinal);
            }
        }
        if (!gpuHere)
        {
            // The default build has no CUDA provider library: it says so, and how to get one.
            var cuda = results[1];
            Assert.Equal(DoctorStatus.Skip, cuda.Status);
            Assert.StartsWith("not in this build: this ONNX Runtime (the CPU package) has no CUDAExecutionProvider; ", cuda.Finding);
            Assert.Contains("-p:RobotPolicyGpu=true", cuda.Fix, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_required_gpu_provider_that_cannot_start_is_a_failure()
    {
        if (NativeLibrary.TryLoad("libcuda.so.1", out _))
        {
            return; // a machine with the NVIDIA driver: whether CUDA starts depends on the build
        }
        var results = Doctor.RunOne(new ExecutionProviderCheck(), new DoctorOptions { RequiredProvider = "cuda" });
        Assert.Equal(DoctorStatus.Ok, results.Single(r => r.Name == "provider:cpu").Status);
        var cuda = results.Single(r => r.Name == "provider:cuda");
        Assert.Equal(DoctorStatus.Fail, cuda.Status);
        Assert.NotNull(cuda.Fix);
        Assert.Equal(1, Doctor.ExitCode(results));
    }

    [Fact]
    public void Governors_other_than_performance_are_named_by_cpu()
    {
        using var sys = new TemporaryDirectory();
        for (int cpu = 0; cpu < 4; cpu++)
        {
            Write(sys.Path, $"devices/system/cpu/cpu{cpu}/cpufreq/scaling_governor", "performance");
        }
        Directory.CreateDirectory(Path.Combine(sys.Path, "devices/system/cpu/cpufreq")); // not a CPU
        Directory.CreateDirectory(Path.Combine(sys.Path, "devices/system/cpu/cpuidle"));
        var options = new DoctorOptions { SysRoot = sys.Path };
        var ok = Single(new CpuGovernorCheck(), options);
        Assert.Equal(DoctorStatus.Ok, ok.Status);
        Assert.Equal("performance on all 4 CPUs with cpufreq", ok.Finding);

        Write(sys.Path, "devices/system/cpu/cpu1/cpufreq/scaling_governor", "powersave");
        Write(sys.Path, "devices/system/cpu/cpu2/cpufreq/scaling_governor", "powersave");
        Write(sys.Path, "devices/system/cpu/cpu3/cpufreq/scaling_governor", "schedutil");
        var warn = Single(new CpuGovernorCheck(), options);
        Assert.Equal(DoctorStatus.Warn, warn.Status);
        Assert.StartsWith("powersave on CPU 1-2; schedutil on CPU 3 (of 4 CPUs with cpufreq)", warn.Finding);
        Assert.Contains("cpupower frequency-set -g performance", warn.Fix, StringComparison.Ordinal);
        Assert.Contains("jetson_clocks", warn.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_without_cpufreq_skips_the_governor_with_the_reason()
    {
        using var sys = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(sys.Path, "devices/system/cpu/cpu0"));
        Directory.CreateDirectory(Path.Combine(sys.Path, "devices/system/cpu/cpu1"));
        var vm = Single(new CpuGovernorCheck(), new DoctorOptions { SysRoot = sys.Path });
        Assert.Equal(DoctorStatus.Skip, vm.Status);
        Assert.StartsWith("no CPU frequency scaling here (2 CPUs, none with cpufreq/scaling_governor: typical of a VM", vm.Finding);

        using var empty = new TemporaryDirectory();
        Assert.Equal(DoctorStatus.Skip, Single(new CpuGovernorCheck(), new DoctorOptions { SysRoot = empty.Path }).Status);
    }

    [Fact]
    public void The_governor_check_runs_on_this_machine()
    {
        var result = Single(new CpuGovernorCheck(), new DoctorOptions());
        Assert.NotEqual(DoctorStatus.Fail, result.Status);
        if (!Directory.EnumerateDirectories("/sys/devices/system/cpu/", "cpu0").Any(d => Directory.Exists(Path.Combine(d, "cpufreq"))))
        {
            Assert.Equal(DoctorStatus.Skip, result.Status);
        }
    }

    [Theory]
    [InlineData("tsc", "tsc hpet acpi_pm", DoctorStatus.Ok, null)]
    [InlineData("arch_sys_counter", "arch_sys_counter", DoctorStatus.Ok, null)]
    [InlineData("kvm-clock", "kvm-clock tsc acpi_pm", DoctorStatus.Warn, "echo tsc | sudo tee /sys/devices/system/clocksource/clocksource0/current_clocksource")]
    [InlineData("kvm-clock", "kvm-clock", DoctorStatus.Warn, "a VM's kvm-clock is usual there")]
    [InlineData("hpet", "hpet acpi_pm", DoctorStatus.Warn, "no cheaper source")]
    public void The_clock_source_is_fast_or_the_fix_names_a_faster_one(string current, string available, DoctorStatus status, string? fix)
    {
        using var sys = new TemporaryDirectory();
        Write(sys.Path, "devices/system/clocksource/clocksource0/current_clocksource", current);
        Write(sys.Path, "devices/system/clocksource/clocksource0/available_clocksource", available + " ");
        var results = Doctor.RunOne(new ClockSourceCheck(), new DoctorOptions { SysRoot = sys.Path });
        Assert.Equal(["clocksource", "timer-resolution"], results.Select(r => r.Name));
        var source = results[0];
        Assert.Equal(status, source.Status);
        Assert.StartsWith($"{current} (available: {string.Join(", ", available.Split(' '))})", source.Finding);
        if (fix is null)
        {
            Assert.Null(source.Fix);
        }
        else
        {
            Assert.Contains(fix, source.Fix, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Clock_source_and_timer_resolution_on_this_machine_and_without_sysfs()
    {
        var here = Doctor.RunOne(new ClockSourceCheck(), new DoctorOptions());
        string current = File.ReadAllText("/sys/devices/system/clocksource/clocksource0/current_clocksource").Trim();
        Assert.StartsWith(current + " ", here[0].Finding);
        Assert.Equal(DoctorStatus.Ok, here[1].Status); // every Linux kernel built since 2.6.21 has high-resolution timers
        Assert.StartsWith("CLOCK_MONOTONIC resolution 1 ns", here[1].Finding);

        using var empty = new TemporaryDirectory();
        Assert.Equal(DoctorStatus.Skip, Doctor.RunOne(new ClockSourceCheck(), new DoctorOptions { SysRoot = empty.Path })[0].Status);
        Assert.Equal(DoctorStatus.Warn, ClockSourceCheck.Resolution(4_000_000).Status);
        Assert.Equal(DoctorStatus.Skip, ClockSourceCheck.Resolution(null).Status);
    }

    [Fact]
    public void Realtime_permission_is_tried_on_this_machine_and_never_fails_the_doctor()
    {
        var result = Single(new RealtimePriorityCheck(), new DoctorOptions());
        Assert.Contains(result.Status, new[] { DoctorStatus.Ok, DoctorStatus.Warn });
        Assert.Contains("RLIMIT_RTPRIO ", result.Finding, StringComparison.Ordinal);
        // Whatever the probe got, the same call from a fresh thread gets too.
        string? direct = null;
        var thread = new Thread(() => direct = RobotPolicy.Control.Scheduling.ThreadScheduling.TryMakeRealtime(80));
        thread.Start();
        thread.Join();
        Assert.Equal(direct is null, result.Status == DoctorStatus.Ok);
    }

    [Fact]
    public void Realtime_findings_say_why_it_was_granted_or_how_to_get_it()
    {
        var root = RealtimePriorityCheck.Evaluate(80, null, (0, 0), capSysNice: true, root: true, "/usr/bin/dotnet");
        Assert.Equal(DoctorStatus.Ok, root.Status);
        Assert.Equal("SCHED_FIFO priority 80 granted on a test thread, through CAP_SYS_NICE (RLIMIT_RTPRIO 0, hard 0, CAP_SYS_NICE yes, root): `run --realtime` will get it", root.Finding);

        var limit = RealtimePriorityCheck.Evaluate(80, null, (95, 99), capSysNice: false, root: false, "/usr/bin/dotnet");
        Assert.Equal(DoctorStatus.Ok, limit.Status);
        Assert.Contains("through RLIMIT_RTPRIO ≥ 80 (RLIMIT_RTPRIO 95, hard 99, CAP_SYS_NICE no)", limit.Finding, StringComparison.Ordinal);

        var refused = RealtimePriorityCheck.Evaluate(80, "no permission for SCHED_FIFO priority 80: ...", (0, ulong.MaxValue), false, false, "/opt/robotpolicy/robotpolicy");
        Assert.Equal(DoctorStatus.Warn, refused.Status);
        Assert.Contains("refused on a test thread (RLIMIT_RTPRIO 0, hard unlimited, CAP_SYS_NICE no)", refused.Finding, StringComparison.Ordinal);
        Assert.Contains("AmbientCapabilities=CAP_SYS_NICE or LimitRTPRIO=80", refused.Fix, StringComparison.Ordinal);
        Assert.Contains("rtprio 80` in /etc/security/limits.conf", refused.Fix, StringComparison.Ordinal);
        Assert.Contains("sudo setcap cap_sys_nice+ep /opt/robotpolicy/robotpolicy", refused.Fix, StringComparison.Ordinal);

        var container = RealtimePriorityCheck.Evaluate(80, "no permission ...", (0, 0), true, true, null);
        Assert.Equal(DoctorStatus.Warn, container.Status);
        Assert.Contains("--ulimit rtprio=80", container.Fix, StringComparison.Ordinal);

        Assert.Equal(DoctorStatus.Fail, RealtimePriorityCheck.Evaluate(0, "real-time priority 0 is not in 1..99", null, false, false, null).Status);
    }

    [Theory]
    [InlineData("Name:\tx\nCapInh:\t0000000000000000\nCapEff:\t000001ffffffffff\n", true)]
    [InlineData("CapEff:\t0000000000800000", true)]
    [InlineData("CapEff:\t0000000000000000\n", false)]
    [InlineData("CapEff:\t00000000007fffff\n", false)]
    [InlineData("Name:\tx\n", false)]
    [InlineData(null, false)]
    public void Cap_sys_nice_is_read_from_the_effective_set(string? status, bool expected) =>
        Assert.Equal(expected, RealtimePriorityCheck.HasCapability(status, 23));

    [Fact]
    public void Serial_devices_are_found_by_pattern_and_checked_for_read_and_write()
    {
        using var dev = new TemporaryDirectory();
        foreach (string name in new[] { "ttyACM0", "ttyUSB1", "ttyUSB0", "ttyS0", "ttyTHS1", "null" })
        {
            File.WriteAllText(dev.File(name), "");
        }
        Assert.Equal(new[] { "ttyUSB0", "ttyUSB1", "ttyACM0", "ttyTHS1" }.Select(dev.File), SerialPortCheck.Discover(dev.Path));

        // An empty sysfs: this machine's own adapters' latency timers are not part of the test.
        using var sys = new TemporaryDirectory();
        var results = Doctor.RunOne(new SerialPortCheck(), new DoctorOptions { DevRoot = dev.Path, SysRoot = sys.Path });
        Assert.Equal(new[] { "ttyUSB0", "ttyUSB1", "ttyACM0", "ttyTHS1" }.Select(n => $"serial:{dev.File(n)}").Append("serial-group"), results.Select(r => r.Name));
        // The test's own files: readable and writable by whoever runs the tests.
        Assert.All(results.Take(4), r => Assert.Equal(DoctorStatus.Ok, r.Status));
        Assert.All(results.Take(4), r => Assert.Contains($": readable and writable by {Environment.UserName} (group ", r.Finding, StringComparison.Ordinal));
        Assert.Contains(", mode 6", results[0].Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ftdi_latency_timer_above_1_ms_is_a_warning_with_the_fix()
    {
        using var dev = new TemporaryDirectory();
        using var sys = new TemporaryDirectory();
        foreach (string name in new[] { "ttyUSB0", "ttyUSB1", "ttyACM0" })
        {
            File.WriteAllText(dev.File(name), "");
        }
        Write(sys.Path, "bus/usb-serial/devices/ttyUSB0/latency_timer", "16\n");
        Write(sys.Path, "bus/usb-serial/devices/ttyUSB1/latency_timer", "1\n");

        var results = Doctor.RunOne(new SerialPortCheck(), new DoctorOptions { DevRoot = dev.Path, SysRoot = sys.Path });
        var timers = results.Where(r => r.Name.StartsWith("serial-latency:", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"serial-latency:{dev.File("ttyUSB0")}", $"serial-latency:{dev.File("ttyUSB1")}"], timers.Select(r => r.Name));
        Assert.Equal(DoctorStatus.Warn, timers[0].Status);
        Assert.Contains("latency timer is 16 ms", timers[0].Finding, StringComparison.Ordinal);
        Assert.StartsWith($"echo 1 | sudo tee {Path.Combine(sys.Path, "bus", "usb-serial", "devices", "ttyUSB0", "latency_timer")}", timers[0].Fix, StringComparison.Ordinal);
        Assert.Equal(DoctorStatus.Ok, timers[1].Status);
    }

    [Fact]
    public void A_given_serial_device_that_is_missing_fails_and_no_devices_is_a_skip()
    {
        using var dev = new TemporaryDirectory();
        var missing = Doctor.RunOne(new SerialPortCheck(), new DoctorOptions { SerialDevices = ["/dev/ttyUSB-robotpolicy-test"] });
        Assert.Equal(DoctorStatus.Fail, missing[0].Status);
        Assert.Equal("/dev/ttyUSB-robotpolicy-test does not exist", missing[0].Finding);
        Assert.Contains("/dev/serial/by-id/", missing[0].Fix, StringComparison.Ordinal);
        Assert.Equal(1, Doctor.ExitCode(missing));

        var none = Doctor.RunOne(new SerialPortCheck(), new DoctorOptions { DevRoot = dev.Path });
        Assert.Equal(["serial", "serial-group"], none.Select(r => r.Name));
        Assert.Equal(DoctorStatus.Skip, none[0].Status);
        Assert.StartsWith($"no serial devices: none of {dev.File("ttyUSB*")}, {dev.File("ttyACM*")}, {dev.File("ttyTHS*")} exists", none[0].Finding);
        Assert.NotEqual(DoctorStatus.Fail, none[1].Status);
    }

    [Fact]
    public void Serial_group_membership_in_the_database_and_in_this_login()
    {
        using var etc = new TemporaryDirectory();
        string file = etc.File("group");
        File.WriteAllText(file, "root:x:0:\ndialout:x:20:\nalice:x:1000:\n");
        var alice = new UserIdentity("alice", Root: false, Groups: [1000]);
        var notIn = SerialPortCheck.Membership(alice, GroupDatabase.Read(file), ["dialout"]);
        Assert.Equal(DoctorStatus.Warn, notIn.Status);
        Assert.Equal("alice is not in dialout, the group serial devices belong to", notIn.Finding);
        Assert.Equal("sudo usermod -aG dialout alice, then log out and in", notIn.Fix);

        File.WriteAllText(file, "root:x:0:\ndialout:x:20:bob,alice\nalice:x:1000:\n");
        var listed = SerialPortCheck.Membership(alice, GroupDatabase.Read(file), ["dialout"]);
        Assert.Equal(DoctorStatus.Warn, listed.Status);
        Assert.Equal("alice is listed in dialout but this login does not have it yet", listed.Finding);
        Assert.Contains("newgrp dialout", listed.Fix, StringComparison.Ordinal);

        var active = SerialPortCheck.Membership(alice with { Groups = [1000, 20] }, GroupDatabase.Read(file), ["dialout"]);
        Assert.Equal(DoctorStatus.Ok, active.Status);
        Assert.Equal("alice is in dialout", active.Finding);

        Assert.Equal(DoctorStatus.Ok, SerialPortCheck.Membership(alice with { Root = true }, GroupDatabase.Read(file), ["dialout"]).Status);
        Assert.Equal(DoctorStatus.Skip, SerialPortCheck.Membership(alice, GroupDatabase.Read(etc.File("none")), ["dialout"]).Status);
    }

    [Fact]
    public void Cpu_isolation_is_reported_from_sysfs()
    {
        using var sys = new TemporaryDirectory();
        Write(sys.Path, "devices/system/cpu/online", "0-5");
        Write(sys.Path, "devices/system/cpu/isolated", "4-5");
        Write(sys.Path, "devices/system/cpu/nohz_full", "4-5");
        var isolated = Single(new CpuIsolationCheck(), new DoctorOptions { SysRoot = sys.Path });
        Assert.Equal(DoctorStatus.Ok, isolated.Status);
        Assert.EndsWith("(online: 0-5); isolated: 4-5 (run with --cpu 4); nohz_full: 4-5", isolated.Finding);

        var plain = CpuIsolationCheck.Describe(8, "0-7", "", "(null)");
        Assert.Equal("8 CPUs usable by this process (online: 0-7); none isolated (isolcpus); nohz_full off; to give the loop a CPU of its own, boot with isolcpus=N nohz_full=N rcu_nocbs=N and run with --cpu N", plain.Finding);
        Assert.StartsWith($"{Environment.ProcessorCount} CPUs usable by this process", Single(new CpuIsolationCheck(), new DoctorOptions()).Finding);
    }

    [Fact]
    public void A_check_that_throws_is_reported_as_failed_and_the_rest_still_run()
    {
        var broken = Doctor.RunOne(new ThrowingCheck(), new DoctorOptions());
        var failed = Assert.Single(broken);
        Assert.Equal(DoctorStatus.Fail, failed.Status);
        Assert.Equal("broken", failed.Name);
        Assert.Equal("the check itself failed: InvalidOperationException: boom", failed.Finding);
    }

    [Fact]
    public void Run_all_on_this_machine_reports_every_check_and_its_json_agrees_with_the_exit_code()
    {
        var checks = Doctor.RunAll();
        var names = checks.Select(c => c.Name).ToList();
        foreach (string expected in new[] { "onnxruntime", "provider:cpu", "provider:cuda", "provider:tensorrt", "cpu-governor", "realtime", "serial-group", "clocksource", "timer-resolution", "cpus" })
        {
            Assert.Contains(expected, names);
        }
        Assert.DoesNotContain(checks, c => c.Finding.StartsWith("the check itself failed", StringComparison.Ordinal));
        Assert.All(checks.Where(c => c.Status is DoctorStatus.Warn or DoctorStatus.Fail), c => Assert.False(string.IsNullOrEmpty(c.Fix), c.Name));

        using var json = JsonDocument.Parse(DoctorJson.Serialize(checks));
        var root = json.RootElement;
        Assert.Equal(Doctor.ExitCode(checks) == 0, root.GetProperty("ok").GetBoolean());
        Assert.Equal(checks.Count, root.GetProperty("checks").GetArrayLength());
        Assert.Equal(checks.Count, root.GetProperty("counts").EnumerateObject().Sum(p => p.Value.GetInt32()));
        var first = root.GetProperty("checks")[0];
        Assert.Equal("onnxruntime", first.GetProperty("name").GetString());
        Assert.Equal("ok", first.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("fix").ValueKind);
    }

    private sealed class ThrowingCheck : IDoctorCheck
    {
        public string Name => "broken";

        public IEnumerable<DoctorCheck> Run(DoctorOptions options) => throw new InvalidOperationException("boom");
    }
}
