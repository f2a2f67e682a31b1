using System.Diagnostics;

namespace RobotPolicy.Cli.Experiments.Execution;

/// <summary>
/// Starts this same robotpolicy build again as a child process: through its apphost when it was started that way,
/// otherwise as `dotnet robotpolicy.dll` (how the tests and `dotnet run` start it).
/// </summary>
internal static class SelfProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        }
        foreach (string argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        return psi;
    }
}
