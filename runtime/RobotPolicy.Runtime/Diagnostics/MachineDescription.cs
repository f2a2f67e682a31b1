using System.Runtime.InteropServices;

namespace RobotPolicy.Runtime.Diagnostics;

/// <summary>One line naming the machine a measurement ran on, for benchmark reports.</summary>
public static class MachineDescription
{
    public static string Current { get; } = Describe();

    private static string Describe()
    {
        string cpu = "unknown CPU";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                    ?.Split(':', 2)[1].Trim() ?? cpu;
            }
        }
        catch (IOException)
        {
            // A report without the CPU name is still a report.
        }
        return $"{cpu}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}
