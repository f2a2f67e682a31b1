using System.Globalization;
using System.Text.Json;

namespace RobotPolicy.Tests.TestSupport;

/// <summary>
/// `robotpolicy run BUNDLE` driving `robotpolicy sim-robot --domain D --seed 3` for a few episodes, two processes as on
/// a robot: the runtime ends by itself when the robot says goodbye, and the robot's statistics come back parsed.
/// </summary>
internal sealed record SimulatedRobotDrive(double[] Returns, long Untimely, long Steps, string Report, string TelemetryPath, string RuntimeOut)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public double MeanReturn => Returns.Average();

    /// <summary>Drives <paramref name="episodes"/> episodes at <paramref name="speed"/> times real time (the physics
    /// still steps its period); files go into <paramref name="folder"/> under <paramref name="name"/>.</summary>
    public static SimulatedRobotDrive Run(string bundle, string domain, int episodes, string runtimeAddress, string robotAddress, string folder, string name, int speed)
    {
        string telemetry = Path.Combine(folder, name + ".tlm");
        string simJson = Path.Combine(folder, name + "-sim.json");
        using var run = new BackgroundCli("run", bundle, "--robot", runtimeAddress, "--telemetry", telemetry);
        var sim = CliProcess.Run(Patience, "sim-robot", "--domain", domain, "--transport", robotAddress,
            "--episodes", episodes.ToString(CultureInfo.InvariantCulture), "--speed", speed.ToString(CultureInfo.InvariantCulture),
            "--seed", "3", "--out", simJson);
        Assert.True(sim.ExitCode == 0, sim.Out + sim.Err + run.Out + run.Err);
        // The simulated robot says goodbye after its episodes: the runtime sends its safe action and ends by itself.
        Assert.Equal(0, run.WaitForExit(Patience));

        string text = File.ReadAllText(simJson);
        using var report = JsonDocument.Parse(text);
        var root = report.RootElement;
        double[] returns = [.. root.GetProperty("returns").EnumerateArray().Select(r => r.GetDouble())];
        Assert.Equal(episodes, returns.Length);
        long untimely = root.GetProperty("actions_late").GetInt64() + root.GetProperty("actions_missing").GetInt64();
        return new SimulatedRobotDrive(returns, untimely, root.GetProperty("steps").GetInt64(), text, telemetry, run.Out);
    }

    /// <summary>The actions reached the robot within their control period, all but two an episode (the first answer
    /// after the start and after each episode's Hello can come late and its step then goes without) and 1 in 200 more;
    /// a drive with more measured a stalled machine, not the student or the link.</summary>
    public bool Timely => Untimely <= 2L * Returns.Length + Steps / 200;
}
