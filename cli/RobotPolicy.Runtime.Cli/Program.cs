using RobotPolicy.Cli.Commands;

namespace RobotPolicy.Runtime.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        FirstStepCommand.MarkMainEntered();
        return RuntimeCliApp.Run(args);
    }
}
