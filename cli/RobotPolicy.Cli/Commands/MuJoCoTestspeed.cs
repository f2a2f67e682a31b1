using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RobotPolicy.Cli.Commands;

/// <summary>
/// MuJoCo's own speed on a model: Debian's `mujoco-testspeed` (libmujoco-samples), the library stepping one
/// simulation per thread with nothing around it: the floor for the toolkit's overhead.
/// </summary>
internal static partial class MuJoCoTestspeed
{
    public const string Package = "libmujoco-samples";

    /// <summary>Physics steps per second it reports, or null and why not.</summary>
    public static (double? StepsPerSecond, string? WhyNot) Measure(string modelFile, int steps, int threads)
    {
        var psi = new ProcessStartInfo("mujoco-testspeed") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])[modelFile, steps.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture)])
        {
            psi.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, $"mujoco-testspeed is not installed (Debian package {Package})");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            // With several threads it prints each thread's rate and then their total; the total is the figure.
            var total = TotalStepsPerSecondLine().Match(output);
            if (process.ExitCode != 0 || (total.Success ? total : StepsPerSecondLine().Match(output)) is not { Success: true } m)
            {
                return (null, $"mujoco-testspeed exited {process.ExitCode}: {error.Result.Trim()}");
            }
            return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), null);
        }
    }

    [GeneratedRegex(@"Total steps per second\s*:\s*([0-9.]+)")]
    private static partial Regex TotalStepsPerSecondLine();

    [GeneratedRegex(@"Steps per second\s*:\s*([0-9.]+)")]
    private static partial Regex StepsPerSecondLine();
}
