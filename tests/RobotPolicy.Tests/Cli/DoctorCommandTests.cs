using System.Text.Json;
using RobotPolicy.Tests.TestSupport;

namespace RobotPolicy.Tests.Cli;

/// <summary>`robotpolicy doctor` as a user runs it: the table, --json, --serial, and an exit code that agrees with the findings.</summary>
public class DoctorCommandTests
{
    private static (JsonElement Root, Dictionary<string, JsonElement> Checks) Parse(ChildProcess.Result r)
    {
        var root = JsonDocument.Parse(r.Out).RootElement;
        var checks = root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        return (root, checks);
    }

    [Fact]
    public void Json_report_exits_0_exactly_when_no_check_failed()
    {
        var r = CliProcess.Run("doctor", "--json");
        var (root, checks) = Parse(r);
        bool anyFailed = checks.Values.Any(c => c.GetProperty("status").GetString() == "fail");
        Assert.Equal(anyFailed ? 1 : 0, r.ExitCode);
        Assert.Equal(!anyFailed, root.GetProperty("ok").GetBoolean());
        Assert.Equal("ok", checks["onnxruntime"].GetProperty("status").GetString());
        Assert.StartsWith($"ONNX Runtime {RobotPolicy.Runtime.Session.OnnxRuntimeBuild.ManagedVersion.ToString(3)} ", checks["onnxruntime"].GetProperty("finding").GetString());
        Assert.Equal("ok", checks["provider:cpu"].GetProperty("status").GetString());
        foreach (string name in new[] { "provider:cuda", "provider:tensorrt", "cpu-governor", "realtime", "serial-group", "clocksource", "timer-resolution", "cpus" })
        {
            Assert.Contains(checks[name].GetProperty("status").GetString(), new[] { "ok", "warn", "fail", "skip" });
            Assert.False(string.IsNullOrEmpty(checks[name].GetProperty("finding").GetString()), name);
        }
        Assert.Equal(string.Empty, r.Err.Trim());
    }

    [Fact]
    public void A_missing_serial_device_fails_the_doctor()
    {
        var r = CliProcess.Run("doctor", "--json", "--serial", "/dev/ttyUSB-robotpolicy-missing");
        var (root, checks) = Parse(r);
        Assert.Equal(1, r.ExitCode);
        Assert.False(root.GetProperty("ok").GetBoolean());
        var device = checks["serial:/dev/ttyUSB-robotpolicy-missing"];
        Assert.Equal("fail", device.GetProperty("status").GetString());
        Assert.Equal("/dev/ttyUSB-robotpolicy-missing does not exist", device.GetProperty("finding").GetString());
    }

    [Fact]
    public void The_table_shows_every_check_and_the_same_exit_code_as_json()
    {
        var json = CliProcess.Run("doctor", "--json");
        var table = CliProcess.Run("doctor");
        Assert.Equal(json.ExitCode, table.ExitCode);
        Assert.Contains("onnxruntime", table.Out, StringComparison.Ordinal);
        Assert.Contains("provider:cpu", table.Out, StringComparison.Ordinal);
        Assert.Contains("clocksource", table.Out, StringComparison.Ordinal);
        Assert.Contains(table.ExitCode == 0 ? "ready to run" : "fix the failures before `robotpolicy run`", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_or_priority_is_a_one_line_error()
    {
        var r = CliProcess.Run("doctor", "--provider", "gpu");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error: unknown execution provider 'gpu'; expected one of cpu, cuda, tensorrt", r.Err.Trim());
        r = CliProcess.Run("doctor", "--priority", "120");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error: --priority 120 is not in 1..99", r.Err.Trim());
    }
}
