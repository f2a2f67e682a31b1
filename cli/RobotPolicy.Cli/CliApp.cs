using System.CommandLine;

namespace RobotPolicy.Cli;

/// <summary>Builds the `robotpolicy` command tree and runs it.</summary>
internal static class CliApp
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("RobotPolicy: train, export, run and benchmark robot policies.");
        return root.Parse(args).Invoke();
    }
}
